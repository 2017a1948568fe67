package generator

// ExamplePageTypes is examplePageTypes, for the tests of package
// generator_test.
var ExamplePageTypes = examplePageTypes
