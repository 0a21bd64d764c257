/** Moved to the shared core (the diagram exports draw the same colours); re-exported for the renderer. */
export * from '../../shared/graph/palette';
