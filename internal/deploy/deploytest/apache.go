package deploytest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// Apache is a running Apache httpd serving a folder the way shared
// hosting does: .htaccess files allowed to set what AllowOverride
// FileInfo permits, and nothing more.
type Apache struct {
	URL string // http://127.0.0.1:port
}

// StartApache serves dir with Debian's apache2 on a free loopback port.
// Apache runs its workers as www-data: dir and its parents must be
// readable by all.
func StartApache(t testing.TB, dir string) *Apache {
	t.Helper()
	httpd := Need(t, "apache2", "apache2")
	modules := "/usr/lib/apache2/modules"
	tmp := t.TempDir()
	if err := os.Chmod(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	port := FreePort(t)
	var load string
	for _, m := range []string{"mpm_event", "authz_core", "mime", "headers", "filter", "deflate", "alias", "dir"} {
		load += fmt.Sprintf("LoadModule %s_module %s/mod_%s.so\n", m, modules, m)
	}
	config := load + fmt.Sprintf(`ServerName 127.0.0.1
Listen 127.0.0.1:%d
PidFile %s/httpd.pid
ErrorLog /dev/stderr
LogLevel warn
User www-data
Group www-data
TypesConfig /etc/mime.types
DirectoryIndex index.html
DocumentRoot %s
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory %s>
  AllowOverride FileInfo
  Require all granted
</Directory>
`, port, tmp, dir, dir)
	conf := filepath.Join(tmp, "httpd.conf")
	if err := os.WriteFile(conf, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	start(t, httpd, port, nil, "-f", conf, "-DFOREGROUND")
	return &Apache{URL: "http://127.0.0.1:" + strconv.Itoa(port)}
}
