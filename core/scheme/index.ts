/** The scheme model, its validation and resolution (public entry of core/scheme). */
export * from './model';
export { validateScheme, weightText, SCHEME_TAB_LABEL } from './validate';
export type { SchemeValidation } from './validate';
export { resolveScheme, setSchemeTabReader, isSchemeTabName } from './resolve';
export type { ResolvedScheme, SchemeTabReader, SchemeTabReading } from './resolve';
