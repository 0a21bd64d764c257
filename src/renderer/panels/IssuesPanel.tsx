/** Problems the import found, each with where: file:line:col and the element involved. */
import type { ImportIssue } from '../../shared/model/types';
import { useAppStore } from '../store/store';

export function issueLocation(issue: ImportIssue): string {
  const position = [issue.line, issue.column].filter((n) => n !== undefined).join(':');
  return [issue.file, position].filter(Boolean).join(':');
}

export function IssuesPanel() {
  const issues = useAppStore((s) => s.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  return (
    <ul className="issues" data-testid="issues-list" aria-label={`Import issues: ${errors} errors, ${issues.length - errors} warnings`}>
      {issues.map((issue, i) => {
        const where = issueLocation(issue);
        return (
          <li key={i} className={`issue issue-${issue.severity}`}>
            <span className="issue-severity">{issue.severity === 'error' ? 'Error' : 'Warning'}</span>
            {where && (
              <span className="issue-location mono" data-testid="issue-location">
                {where}
              </span>
            )}
            <span className="issue-message">{issue.message}</span>
            {issue.element && <span className="issue-element mono">{issue.element}</span>}
          </li>
        );
      })}
    </ul>
  );
}
