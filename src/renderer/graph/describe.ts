/** Moved to the shared core (the diagram exports use the same words); re-exported for the renderer. */
export * from '../../shared/graph/describe';
