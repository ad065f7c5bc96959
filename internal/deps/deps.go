package deps

import (
	_ "github.com/adrg/frontmatter"
	_ "github.com/chromedp/chromedp"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/tdewolff/minify/v2"
	_ "github.com/yuin/goldmark"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/text/feature/plural"
	_ "golang.org/x/tools/txtar"
)
