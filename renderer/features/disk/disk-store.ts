import { createMeasureStore } from '../../stores/measure-store';

/**
 * `docker system df`, measured on request (the engine walks every layer for it, slow on big hosts):
 * a backend job, started when the Disk usage view opens and cancellable.
 */
export const useDisk = createMeasureStore('system.df', 'Measuring disk usage failed.');
