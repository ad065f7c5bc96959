package refdata

// Parse reads the embedded tables anew, for the benchmark.
var Parse = parse
