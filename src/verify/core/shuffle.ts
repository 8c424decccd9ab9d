export { shuffled } from '../../stats/index.js';
