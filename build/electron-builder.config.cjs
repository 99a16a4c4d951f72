// electron-builder configuration for the Windows installer (`npm run dist`, run on Windows).
// Validated against electron-builder's own schema by build/electron-builder.test.ts.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'vn.hssk.tram',
  productName: 'HSSK Trạm',
  executableName: 'HSSK-Tram',
  copyright: 'HSSK Trạm',
  directories: { output: 'release', buildResources: 'build/installer' },
  extraMetadata: { main: 'dist/main/main.js' },
  files: [
    'dist/main/**',
    'dist/preload/**',
    'dist/renderer/**',
    'package.json',
    '!**/*.map',
    // Only the Windows x64 SQLite binary ships; the other platforms' prebuilds and sources stay out.
    '!node_modules/better-sqlite3-multiple-ciphers/{deps,src}/**',
    '!node_modules/better-sqlite3-multiple-ciphers/prebuilds/{linux,linuxmusl,darwin}-*',
    '!node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-arm64*',
  ],
  // Code lists, fonts and growth tables live outside the asar so district IT can inspect them.
  extraResources: [{ from: 'resources', to: 'resources' }],
  asar: true,
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // Every native module is N-API with prebuilt binaries: nothing is compiled for Electron.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    artifactName: 'HSSK-Tram-Setup-${version}.${ext}',
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    // The assisted installer lets district IT choose "for all users" (per-machine) or "only me".
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['vi_VN'],
    language: '1066',
    unicode: true,
    shortcutName: 'HSSK Trạm',
    uninstallDisplayName: 'HSSK Trạm',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    runAfterFinish: true,
    // Health records outlive the program: uninstalling never deletes the data folder.
    deleteAppDataOnUninstall: false,
  },
  // A placeholder: the real update address is a station setting, applied by the app at run time.
  publish: [{ provider: 'generic', url: 'https://updates.invalid/hssk-tram/' }],
};
