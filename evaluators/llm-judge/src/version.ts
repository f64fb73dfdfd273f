/** The version the plugin reports; keep it equal to package.json's. */
export const PACKAGE_VERSION = '0.1.0';
