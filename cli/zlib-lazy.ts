/**
 * Node's zlib, loaded on first use: requiring it is a few milliseconds of every
 * start-up, and only reading or writing a zip (.xlsx, .ods) needs it.
 */
type Zlib = typeof import('node:zlib');
let loaded: Zlib | undefined;

export function zlib(): Zlib {
  return (loaded ??= require('node:zlib') as Zlib);
}
