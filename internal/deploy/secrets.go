package deploy

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Env is where the secrets of a deploy come from: environment variables
// and files of the user's home folder (~/.netrc, ~/.ssh/known_hosts).
// Secrets are never read from the project, and never written to a
// message, a log or the manifest.
type Env struct {
	// Getenv returns an environment variable ("" when unset).
	Getenv func(string) string
	// Home is the user's home folder.
	Home string
}

// OSEnv is the environment of this process.
func OSEnv() Env {
	home, _ := os.UserHomeDir()
	return Env{Getenv: os.Getenv, Home: home}
}

// The environment variables deploy reads.
const (
	// PasswordVar holds the password of an SFTP or FTP account.
	PasswordVar = "TADAFOR_PASSWORD"
	// SSHKeyVar names a private key file for SFTP.
	SSHKeyVar = "TADAFOR_SSH_KEY"
	// SSHKeyPassphraseVar holds the passphrase of that key, if it has one.
	SSHKeyPassphraseVar = "TADAFOR_SSH_KEY_PASSPHRASE"
	// KnownHostsVar names the known_hosts file (default ~/.ssh/known_hosts).
	KnownHostsVar = "TADAFOR_KNOWN_HOSTS"
)

// Get returns the variable name, or "".
func (e Env) Get(name string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(name)
}

// Password returns the password of account on host: TADAFOR_PASSWORD,
// else the entry of ~/.netrc (or the file named by NETRC) for that
// machine and login, else its "default" entry.
func (e Env) Password(host, account string) (string, bool) {
	if pw := e.Get(PasswordVar); pw != "" {
		return pw, true
	}
	name := e.Get("NETRC")
	if name == "" {
		if e.Home == "" {
			return "", false
		}
		name = filepath.Join(e.Home, ".netrc")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", false
	}
	return netrcPassword(data, host, account)
}

// netrcPassword finds the password for host and account in a .netrc:
// the first "machine" entry for host whose login is account (or that
// has no login), else the "default" entry. Macro definitions (macdef,
// up to an empty line) are skipped.
func netrcPassword(data []byte, host, account string) (string, bool) {
	var tokens []string
	inMacro := false
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		words := strings.Fields(string(line))
		if inMacro {
			inMacro = len(words) > 0
			continue
		}
		if i := slices.Index(words, "macdef"); i >= 0 {
			words, inMacro = words[:i], true
		}
		tokens = append(tokens, words...)
	}
	type entry struct {
		machine, login, password string
		isDefault, hasPassword   bool
	}
	var entries []entry
	for i := 0; i < len(tokens); i++ {
		value := ""
		if i+1 < len(tokens) {
			value = tokens[i+1]
		}
		switch tokens[i] {
		case "machine":
			entries = append(entries, entry{machine: value})
		case "default":
			entries = append(entries, entry{isDefault: true})
			continue
		case "login", "password", "account":
		default:
			continue
		}
		i++
		if len(entries) == 0 {
			continue
		}
		e := &entries[len(entries)-1]
		switch tokens[i-1] {
		case "login":
			e.login = value
		case "password":
			e.password, e.hasPassword = value, true
		}
	}
	for _, wantDefault := range []bool{false, true} {
		for _, e := range entries {
			if e.isDefault == wantDefault && (wantDefault || e.machine == host) && (e.login == "" || e.login == account) && e.hasPassword {
				return e.password, true
			}
		}
	}
	return "", false
}
