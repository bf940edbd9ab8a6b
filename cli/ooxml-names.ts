/**
 * XML namespace names of the Office Open XML format (ECMA-376) that the .xlsx
 * writers declare in the parts they write. They are identifiers every .xlsx part
 * carries, never addresses anything is fetched from: nothing here opens a
 * connection (test/security/no-network.test.ts lists exactly which names the
 * command line's bundle may hold).
 */
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CORE_PROPS_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties';
export const CORE_PROPS_NS = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
export const APP_PROPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties';
export const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const DCTERMS_NS = 'http://purl.org/dc/terms/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
