# tadafor — the two commands a newcomer needs are `make build` and `make test`.
GO ?= go

.PHONY: build test test-deps bench bench-national bench-deploy lint fuzz clean

## build: build every example commune into public/
build:
	$(GO) run ./cmd/tadafor build

## test: install what the tests need when it is missing, then run every test
test: test-deps lint
	$(GO) test -race -count=1 -timeout 30m ./...

## test-deps: Chromium, Noto fonts and npm (Debian packages) and axe-core (npm) for the browser tests;
## openssh-server, pure-ftpd, nginx, apache2 (Debian packages) and versitygw (go install) for the deploy tests
test-deps:
	@bash .ci/install-test-deps

## bench: generate a 60-commune corpus, build it, compare with a bare goldmark conversion; then the
## search against Pagefind (bytes, query time with the CPU slowed down 4x, index build, recall)
bench: test-deps
	$(GO) run ./cmd/tadafor-bench
	$(GO) test -run '^$$' -bench SearchAgainstPagefind -benchtime 1x -v ./internal/e2e

## bench-national: every commune of the census, each made by "tadafor new commune --code", built
## with the shared pages and theme of this project, beside a sample of 60 built the same way
bench-national:
	$(GO) run ./cmd/tadafor-bench -national

## bench-deploy: a first deploy and a one-page change of a 150-file site to SFTP and S3 on loopback
bench-deploy: test-deps
	$(GO) test -run '^$$' -bench . -benchtime 5x ./internal/deploy/deploytest

## lint: formatting, imports, vet and unreachable code (goimports and deadcode are the versions of
## golang.org/x/tools that go.mod pins, run with go tool)
lint:
	@unformatted=$$(gofmt -l cmd internal); if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	@unsorted=$$($(GO) tool goimports -l cmd internal) || exit 1; if [ -n "$$unsorted" ]; then echo "goimports needed on:"; echo "$$unsorted"; exit 1; fi
	$(GO) vet ./...
	@dead=$$($(GO) tool deadcode -test ./...) || exit 1; if [ -n "$$dead" ]; then echo "unreachable code (remove it, or use it):"; echo "$$dead"; exit 1; fi

## fuzz: run each fuzz target for a short while
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./internal/yamldecode
	$(GO) test -run '^$$' -fuzz FuzzEmail -fuzztime 30s ./internal/yamldecode
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./internal/content
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 30s ./internal/commune
	$(GO) test -run '^$$' -fuzz FuzzParseRender -fuzztime 30s ./internal/markdown
	$(GO) test -run '^$$' -fuzz FuzzLimits -fuzztime 30s ./internal/markdown
	$(GO) test -run '^$$' -fuzz FuzzFold -fuzztime 30s ./internal/scaffold
	$(GO) test -run '^$$' -fuzz FuzzMatch -fuzztime 30s ./internal/scaffold
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 30s ./internal/records
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 30s ./internal/i18n
	$(GO) test -run '^$$' -fuzz FuzzText -fuzztime 30s ./internal/opendata
	$(GO) test -run '^$$' -fuzz FuzzLine -fuzztime 30s ./internal/ical
	$(GO) test -run '^$$' -fuzz FuzzLabels -fuzztime 30s ./internal/chart
	$(GO) test -run '^$$' -fuzz FuzzParseDestination -fuzztime 30s ./internal/site
	$(GO) test -run '^$$' -fuzz FuzzParseManifest -fuzztime 30s ./internal/deploy
	$(GO) test -run '^$$' -fuzz FuzzProblem -fuzztime 30s ./internal/segment
	$(GO) test -run '^$$' -fuzz FuzzJoin -fuzztime 30s ./internal/outdir
	$(GO) test -run '^$$' -fuzz '^FuzzHTML$$' -fuzztime 30s ./internal/typography
	$(GO) test -run '^$$' -fuzz FuzzHTMLAroundParts -fuzztime 30s ./internal/typography
	$(GO) test -run '^$$' -fuzz FuzzTerms -fuzztime 30s ./internal/search
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime 30s ./internal/search
	$(GO) test -run '^$$' -fuzz FuzzExtractText -fuzztime 30s ./internal/search
	$(GO) test -run '^$$' -fuzz FuzzExtractCache -fuzztime 30s ./internal/search
	$(GO) test -run '^$$' -fuzz FuzzTermCache -fuzztime 30s ./internal/search
	$(GO) test -run '^$$' -fuzz FuzzTagName -fuzztime 30s ./internal/search

clean:
	rm -rf public
