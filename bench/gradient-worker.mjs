// Worker-thread entry for bench/gradient.ts (tsx compiles it in this thread).
import { register } from 'tsx/esm/api';

register();
await import('./gradient.ts');
