// Imported first by main.tsx: the solver worker starts loading before the other modules run.
import { startWorkerEarly } from './client.ts';

startWorkerEarly();
