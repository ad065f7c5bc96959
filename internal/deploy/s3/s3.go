// Package s3 is the s3:// destination of deploy: any S3-compatible
// object store (AWS S3, Scaleway, OVHcloud, MinIO, Ceph, Garage…). It
// uses github.com/minio/minio-go/v7, a small client made for
// S3-compatible stores (path-style addressing, V4 signatures, no
// AWS-only checksum trailers by default), rather than the AWS SDK v2,
// whose recent default checksums some compatible stores refuse, or
// gocloud.dev/blob, which would bring the SDKs of three clouds to write
// to one. Each object gets its Content-Type (charset=utf-8 for text) and
// Cache-Control from internal/webmeta; when the site fills the whole
// bucket, the bucket's website configuration is set to serve index.html
// and 404.html where the store supports it. The keys come from
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or
// from ~/.aws/credentials.
package s3

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/signer"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/webmeta"
)

// Config holds what a connection needs besides the URL.
type Config struct {
	Env deploy.Env
	// Notice receives what the user should read (a 404 page the store
	// cannot configure).
	Notice func(string)
}

// Destination is an s3:// destination.
type Destination struct {
	cfg      Config
	url      string
	bucket   string
	prefix   string // "" or ending with "/"
	endpoint *url.URL
	region   string

	once      sync.Once
	client    *minio.Client
	creds     *credentials.Credentials
	openErr   error
	websiteMu sync.Once
}

// New returns the destination of an s3:// URL checked by
// site.ParseDestination: s3://bucket/prefix?endpoint=https://…&region=….
// Without endpoint, the store is AWS S3.
func New(u *url.URL, cfg Config) *Destination {
	d := &Destination{cfg: cfg, url: u.Redacted(), bucket: u.Host, region: u.Query().Get("region")}
	if p := strings.Trim(u.Path, "/"); p != "" {
		d.prefix = p + "/"
	}
	ep := u.Query().Get("endpoint")
	if ep == "" {
		ep = "https://s3.amazonaws.com"
		if d.region != "" {
			ep = "https://s3." + d.region + ".amazonaws.com"
		}
	}
	d.endpoint, _ = url.Parse(ep) // checked by site.ParseDestination
	return d
}

// String is the destination's URL.
func (d *Destination) String() string { return d.url }

func (d *Destination) credentials() (*credentials.Credentials, error) {
	env := d.cfg.Env
	if id, secret := env.Get("AWS_ACCESS_KEY_ID"), env.Get("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
		return credentials.NewStaticV4(id, secret, env.Get("AWS_SESSION_TOKEN")), nil
	}
	file := env.Get("AWS_SHARED_CREDENTIALS_FILE")
	if file == "" && env.Home != "" {
		file = filepath.Join(env.Home, ".aws", "credentials")
	}
	if file != "" {
		c := credentials.NewFileAWSCredentials(file, env.Get("AWS_PROFILE"))
		if v, err := c.GetWithContext(nil); err == nil && v.AccessKeyID != "" {
			return c, nil
		}
	}
	return nil, &deploy.Error{Kind: deploy.AuthFailed, Host: d.endpoint.Host,
		Detail: "no access key was given: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write them in ~/.aws/credentials"}
}

// Connect returns a handle on the destination's one HTTP client (its
// connection pool), checking the bucket on first use.
func (d *Destination) Connect(ctx context.Context) (deploy.Conn, error) {
	d.once.Do(func() {
		creds, err := d.credentials()
		if err != nil {
			d.openErr = err
			return
		}
		lookup := minio.BucketLookupPath
		if strings.HasSuffix(d.endpoint.Host, "amazonaws.com") {
			lookup = minio.BucketLookupAuto
		}
		c, err := minio.New(d.endpoint.Host, &minio.Options{
			Creds: creds, Secure: d.endpoint.Scheme == "https", Region: d.region, BucketLookup: lookup,
			MaxRetries: 1, // deploy tries again itself, on a fresh connection
		})
		if err != nil {
			d.openErr = &deploy.Error{Kind: deploy.Other, Detail: err.Error(), Err: err}
			return
		}
		ok, err := c.BucketExists(ctx, d.bucket)
		switch {
		case err != nil:
			d.openErr = d.explain(err, "")
			return
		case !ok:
			d.openErr = &deploy.Error{Kind: deploy.NoFolder, Detail: fmt.Sprintf("there is no bucket %q", d.bucket)}
			return
		}
		d.client, d.creds = c, creds
	})
	if d.openErr != nil {
		err := d.openErr
		var e *deploy.Error
		if errors.As(err, &e) && e.Kind.Transient() {
			d.once = sync.Once{} // try again on the next connection
			d.openErr = nil
		}
		return nil, err
	}
	d.configureWebsite(ctx)
	return &conn{d: d}, nil
}

// configureWebsite sets, once, the bucket's website configuration to
// serve index.html for folders and 404.html for unknown addresses, when
// the site is the whole bucket (a bucket has one error page).
func (d *Destination) configureWebsite(ctx context.Context) {
	d.websiteMu.Do(func() {
		if d.prefix != "" {
			return
		}
		body := []byte(`<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument><ErrorDocument><Key>` +
			webmeta.NotFound + `</Key></ErrorDocument></WebsiteConfiguration>`)
		err := d.putBucketWebsite(ctx, body)
		if err != nil && d.cfg.Notice != nil {
			d.cfg.Notice(fmt.Sprintf("%s: the store did not set %s as the page for unknown addresses (%v); set it in the store's or the CDN's settings (docs/hosting.md)", d.url, webmeta.NotFound, err))
		}
	})
}

// putBucketWebsite sends PutBucketWebsite, which minio-go does not
// offer, signed with minio-go's own V4 signer.
func (d *Destination) putBucketWebsite(ctx context.Context, body []byte) error {
	u := *d.endpoint
	u.Path = "/" + d.bucket + "/"
	if d.client.EndpointURL().Host != d.endpoint.Host { // virtual-host style chosen by the client
		u = *d.client.EndpointURL()
		u.Host = d.bucket + "." + u.Host
		u.Path = "/"
	}
	u.RawQuery = "website="
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", "application/xml")
	sum := sha256.Sum256(body)
	req.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:]))
	v, err := d.creds.GetWithContext(nil)
	if err != nil {
		return err
	}
	region := d.region
	if region == "" {
		region = "us-east-1"
	}
	req = signer.SignV4(*req, v.AccessKeyID, v.SecretAccessKey, v.SessionToken, region)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		var er minio.ErrorResponse
		if xml.Unmarshal(msg, &er) == nil && er.Code != "" {
			return errors.New(er.Code)
		}
		return errors.New(resp.Status)
	}
	return nil
}

// conn is a handle on the destination's client; the HTTP client keeps
// the connections.
type conn struct{ d *Destination }

func (c *conn) Close() error { return nil }

func (c *conn) key(rel string) (string, error) {
	if err := deploy.CheckPath(rel); err != nil {
		return "", fmt.Errorf("refusing the path %q: %v", rel, err)
	}
	return c.d.prefix + rel, nil
}

func (c *conn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	key, err := c.key(rel)
	if err != nil {
		return err
	}
	meta := webmeta.For(rel)
	opts := minio.PutObjectOptions{ContentType: meta.ContentType, CacheControl: meta.Cache.CacheControl(), SendContentMd5: true}
	if rel == deploy.ManifestName {
		opts.ContentType, opts.CacheControl = "application/json", "no-store"
	}
	if _, err := c.d.client.PutObject(ctx, c.d.bucket, key, r, size, opts); err != nil {
		return c.d.explain(err, rel)
	}
	return nil
}

func (c *conn) Open(ctx context.Context, rel string) (io.ReadCloser, error) {
	key, err := c.key(rel)
	if err != nil {
		return nil, err
	}
	obj, err := c.d.client.GetObject(ctx, c.d.bucket, key, minio.GetObjectOptions{})
	if err == nil {
		_, err = obj.Stat()
	}
	if err != nil {
		return nil, c.d.explain(err, rel)
	}
	return obj, nil
}

func (c *conn) Stat(ctx context.Context, rel string) (deploy.Remote, error) {
	key, err := c.key(rel)
	if err != nil {
		return deploy.Remote{}, err
	}
	info, err := c.d.client.StatObject(ctx, c.d.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return deploy.Remote{}, c.d.explain(err, rel)
	}
	r := deploy.Remote{Size: info.Size}
	// The ETag of an object sent in one part, unencrypted, is its MD5.
	if etag := strings.Trim(info.ETag, `"`); len(etag) == 32 && !strings.Contains(etag, "-") {
		r.MD5 = strings.ToLower(etag)
	}
	return r, nil
}

func (c *conn) Remove(ctx context.Context, rel string) error {
	key, err := c.key(rel)
	if err != nil {
		return err
	}
	if err := c.d.client.RemoveObject(ctx, c.d.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		if errors.Is(c.d.explain(err, rel), fs.ErrNotExist) {
			return nil
		}
		return c.d.explain(err, rel)
	}
	return nil
}

// explain classifies a failure of the store.
func (d *Destination) explain(err error, rel string) error {
	resp := minio.ToErrorResponse(err)
	e := &deploy.Error{Host: d.endpoint.Host, Err: err}
	switch resp.Code {
	case "NoSuchKey", "NotFound":
		return fmt.Errorf("%w: %s", fs.ErrNotExist, path.Join(d.prefix, rel))
	case "NoSuchBucket":
		e.Kind, e.Detail = deploy.NoFolder, fmt.Sprintf("there is no bucket %q", d.bucket)
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken":
		e.Kind, e.Detail = deploy.AuthFailed, "the store answered "+resp.Code
	case "AccessDenied", "AllAccessDisabled":
		e.Kind, e.Detail = deploy.PermissionDenied, "the store answered "+resp.Code
	case "QuotaExceeded", "XMinioStorageFull", "StorageFull":
		e.Kind, e.Detail = deploy.QuotaFull, "the store answered "+resp.Code
	case "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "XMinioServerNotInitialized":
		e.Kind, e.Detail = deploy.Busy, "the store answered "+resp.Code
	default:
		switch {
		case resp.StatusCode >= 500:
			e.Kind, e.Detail = deploy.Busy, fmt.Sprintf("the store answered %d %s", resp.StatusCode, resp.Code)
		case resp.StatusCode == http.StatusNotFound:
			return fmt.Errorf("%w: %s", fs.ErrNotExist, path.Join(d.prefix, rel))
		case resp.StatusCode == http.StatusForbidden:
			e.Kind, e.Detail = deploy.PermissionDenied, "the store answered 403 "+resp.Code
		case resp.StatusCode != 0:
			e.Kind, e.Detail = deploy.Other, fmt.Sprintf("the store answered %d %s", resp.StatusCode, resp.Code)
		default:
			e.Kind = deploy.Classify(err)
			if e.Kind == deploy.Other {
				e.Kind = deploy.ConnectionLost
			}
		}
	}
	return e
}
