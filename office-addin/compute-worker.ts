/** Entry of the compute worker bundle (dist/office-addin/compute-worker.js): the engine runs here, Office.js stays on the page. */
import { serveWorker, type PortLike } from './worker-protocol';
import { handleWhatIfMessage } from './whatif-worker';

serveWorker(self as unknown as PortLike, handleWhatIfMessage);
