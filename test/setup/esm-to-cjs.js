// Jest 29 runs CommonJS and cannot load an ESM-only package (jose 6); esbuild turns each of its files into CommonJS
// as Jest reads it. Node itself (the functions on Node 24, the CLI under tsx) loads jose as it is.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, path) {
    const { code, map } = transformSync(source, { format: 'cjs', target: 'node20', sourcemap: true, sourcefile: path });
    return { code, map };
  },
};
