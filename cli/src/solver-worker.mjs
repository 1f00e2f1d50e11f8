// Worker-thread entry: registers tsx in this thread too, then serves the solver protocol.
import { register } from 'tsx/esm/api';

register();
await import('./solver-worker.ts');
