/** Entry of the compute worker bundle (dist/office-addin/compute-worker.js): the engine runs here, Office.js stays on the page. */
import { serveWorker, type PortLike } from './worker-protocol';

serveWorker(self as unknown as PortLike);
