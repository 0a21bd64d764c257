/** Drag a topology file or snapshot onto the window to open it; the overlay says where it will land. */
import { useEffect, useRef, useState } from 'react';
import { openDroppedFile } from '../store/actions';
import { useAppStore } from '../store/store';

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function DropOverlay() {
  const [visible, setVisible] = useState(false);
  // dragenter/dragleave fire for every child element crossed; count them to know when the drag really left.
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setVisible(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setVisible(false);
    };
    const onDrop = (e: DragEvent) => {
      // Always swallow drops: otherwise the browser navigates to the dropped file.
      e.preventDefault();
      depth.current = 0;
      setVisible(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      const [file] = files;
      if (!file) return;
      if (files.length > 1) useAppStore.getState().notify(`Opening ${file.name}; drop one file at a time.`);
      void openDroppedFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-card">
        <strong>Drop to open</strong>
        <span>A topology document (Get-CsTopology -AsXml, .tbxml) or a PoolPilot snapshot</span>
      </div>
    </div>
  );
}
