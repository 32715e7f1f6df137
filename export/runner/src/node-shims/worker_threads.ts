/** TEMPORARY stand-in for worker_threads in the browser bundle: no helper thread, the kernels run on one thread. */
export class Worker {
  constructor() {
    throw new Error("worker_threads is not available in the browser: the kernels run on one thread");
  }
}
export const workerData = undefined;
export default { Worker, workerData };
