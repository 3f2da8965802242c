export * from '../cmdlets/utility/compare.js';
