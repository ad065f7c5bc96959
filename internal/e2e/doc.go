// Package e2e holds end-to-end tests that build the example project at the
// repository root and look at the result in a real headless Chromium: the
// language of every page and its switcher, right-to-left mirroring, the
// keyboard path into the content, and that no page scrolls sideways on a
// 320-pixel phone. It also saves screenshots for people to look at.
//
// The tests need Chromium (CHROME_PATH, or chromium, chromium-browser or
// google-chrome on PATH). Without one they are skipped, except when the
// environment variable CI is "true", where they fail. Screenshots go to the
// folder named by E2E_ARTIFACTS, or to tadafor-e2e in the system's
// temporary folder.
//
// The package has no code of its own, only tests.
package e2e
