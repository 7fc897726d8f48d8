/** True under Node (main thread or worker_threads), false in browsers and Web Workers. */
export const isNode = typeof process !== 'undefined' && !!process.versions?.node;
