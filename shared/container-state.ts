/**
 * States in which the engine treats a container as running: it refuses to remove the container
 * without force, and no `docker rmi`, forced or not, removes the image it runs.
 */
const ACTIVE = new Set(['running', 'paused', 'restarting']);

export const isActiveContainer = (state: string): boolean => ACTIVE.has(state);
