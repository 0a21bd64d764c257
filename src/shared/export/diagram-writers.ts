/** The deployment diagram's writers by format, for the app's diagram.export and the CLI's export. */
import { deploymentToDrawio } from './drawio';
import { deploymentToSvg } from './svg';

export const DIAGRAM_WRITERS = { drawio: deploymentToDrawio, svg: deploymentToSvg } as const;
