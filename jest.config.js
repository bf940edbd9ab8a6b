/** Jest: TypeScript via @swc/jest; tests live in test/ mirroring the source folders. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // office-addin-mock needs only OfficeApp from office-addin-manifest, whose main entry pulls in ESM-only packages.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js' },
  testTimeout: 60000,
};
