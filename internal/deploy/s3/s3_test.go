package s3_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/deploy/s3"
)

var buckets atomic.Int64

func dest(t *testing.T, srv *deploytest.S3, bucket, prefix string, vars map[string]string) *s3.Destination {
	t.Helper()
	if vars == nil {
		vars = map[string]string{"AWS_ACCESS_KEY_ID": srv.AccessKey, "AWS_SECRET_ACCESS_KEY": srv.SecretKey}
	}
	u, err := url.Parse(fmt.Sprintf("s3://%s/%s?endpoint=%s", bucket, prefix, url.QueryEscape(srv.Endpoint)))
	if err != nil {
		t.Fatal(err)
	}
	return s3.New(u, s3.Config{Env: deploy.Env{Getenv: func(k string) string { return vars[k] }, Home: "/nonexistent"}})
}

func newBucket(t *testing.T, srv *deploytest.S3) (string, string) {
	name := fmt.Sprintf("site-%d", buckets.Add(1))
	return name, srv.Bucket(t, name)
}

func TestS3(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartS3(t)
	deploytest.Suite(t, 40, func(t *testing.T) deploytest.Target {
		name, dir := newBucket(t, srv)
		return deploytest.Target{Dest: dest(t, srv, name, "communes/berkane", nil), Dir: filepath.Join(dir, "communes", "berkane")}
	})
}

// Objects carry the Content-Type and Cache-Control a web server would
// send.
func TestS3ObjectsCarryTheirHeaders(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartS3(t)
	name, _ := newBucket(t, srv)
	site := t.TempDir()
	deploytest.WriteSite(t, site, 20, "v1")
	deploytest.Run(t, site, dest(t, srv, name, "", nil), deploy.Options{})
	client := client(t, srv)
	for key, want := range map[string][2]string{
		"index.html":      {"text/html; charset=utf-8", "public, max-age=300"},
		"ar/feed.xml":     {"application/atom+xml; charset=utf-8", "public, max-age=300"},
		"css/style.css":   {"text/css; charset=utf-8", "public, max-age=3600"},
		"logo.svg":        {"image/svg+xml; charset=utf-8", "public, max-age=604800"},
		"docs/budget.pdf": {"application/pdf", "public, max-age=604800"},
	} {
		info, err := client.StatObject(context.Background(), name, key, minio.StatObjectOptions{})
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if info.ContentType != want[0] || info.Metadata.Get("Cache-Control") != want[1] {
			t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q", key, info.ContentType, info.Metadata.Get("Cache-Control"), want)
		}
	}
}

func TestS3WrongKeyAndMissingBucket(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartS3(t)
	name, _ := newBucket(t, srv)
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	wrong := dest(t, srv, name, "", map[string]string{"AWS_ACCESS_KEY_ID": srv.AccessKey, "AWS_SECRET_ACCESS_KEY": "not-the-secret"})
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, wrong, deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.AuthFailed {
		t.Fatalf("got %v, want AuthFailed", err)
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Errorf("the message shows the secret: %v", err)
	}
	_, err = deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, "no-such-bucket", "", nil), deploy.Options{})
	if !errors.As(err, &e) || e.Kind != deploy.NoFolder || !strings.Contains(err.Error(), `no bucket "no-such-bucket"`) {
		t.Fatalf("got %v, want NoFolder naming the bucket", err)
	}
}

func TestS3ConnectionCutInTheMiddle(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartS3(t)
	proxy := deploytest.StartProxy(t, strings.TrimPrefix(srv.Endpoint, "http://"))
	name, dir := newBucket(t, srv)
	viaProxy := *srv
	viaProxy.Endpoint = "http://" + proxy.Addr
	deploytest.Interrupted(t, 40, deploytest.Target{Dir: dir}, dest(t, srv, name, "", nil), dest(t, &viaProxy, name, "", nil), proxy, 0)
}

// With the whole bucket for the site, the bucket is told to serve
// 404.html for unknown addresses, or the user is told to do it.
func TestS3NotFoundPage(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartS3(t)
	name, _ := newBucket(t, srv)
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	var notices []string
	u, _ := url.Parse(fmt.Sprintf("s3://%s/?endpoint=%s", name, url.QueryEscape(srv.Endpoint)))
	vars := map[string]string{"AWS_ACCESS_KEY_ID": srv.AccessKey, "AWS_SECRET_ACCESS_KEY": srv.SecretKey}
	d := s3.New(u, s3.Config{Env: deploy.Env{Getenv: func(k string) string { return vars[k] }}, Notice: func(s string) { notices = append(notices, s) }})
	deploytest.Run(t, site, d, deploy.Options{})
	if len(notices) > 0 {
		t.Fatalf("notices: %q", notices)
	}
	// A bucket that serves a site is readable by all (the host's job).
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::` + name + `/*"]}]}`
	if err := client(t, srv).SetBucketPolicy(context.Background(), name, policy); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", srv.Website+"/no/such/page/", nil)
	req.Host = name + ".website.test"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "<title>404</title>") {
		t.Fatalf("an unknown address gives %d %q, want 404 and the site's 404.html", resp.StatusCode, body)
	}
}

// client is a client of the store, to look at what deploy did.
func client(t *testing.T, srv *deploytest.S3) *minio.Client {
	t.Helper()
	u, _ := url.Parse(srv.Endpoint)
	c, err := minio.New(u.Host, &minio.Options{Creds: credentials.NewStaticV4(srv.AccessKey, srv.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
