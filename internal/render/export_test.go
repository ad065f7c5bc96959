package render

// What the tests of the package's API share with its own tests.
var (
	// ProjectOf is a project of one commune, see recordProject.
	ProjectOf = recordProject
	// AlphaProfile is the profile of that commune in most tests.
	AlphaProfile = recordProfile
)
