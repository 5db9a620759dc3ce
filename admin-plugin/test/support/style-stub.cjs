// Stands in for every stylesheet import in component tests.
module.exports = {};
