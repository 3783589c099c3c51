// jscodeshift parses each file (with its tsx parser) and changes nothing.
module.exports = function transform(file, api) {
  api.jscodeshift(file.source);
  return undefined;
};
module.exports.parser = 'tsx';
