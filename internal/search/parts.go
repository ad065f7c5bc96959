package search

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"sync"

	"golang.org/x/net/html/atom"
)

// ExtractCache extracts the text of pages as Extract does, reading once
// what recurs across them: the sites of a build share most of their pages'
// text (the shared pages, the titles), block by block, while their pages
// differ in a few facts. It cuts a page's main content before each block
// (a paragraph, an item, a heading…) and keeps what each part gives from
// the state the page was in where it starts; a block met for the first
// time is cut further, before each of its tags, so that the text around a
// commune's fact is kept too. It is safe for concurrent use;
// the zero value is ready, and a nil cache extracts as Extract does.
type ExtractCache struct {
	mu sync.RWMutex
	// parts are what the parts met twice give, by their bytes, then by
	// the state they were read from (see key); kept counts them.
	parts map[string][]cachedPart
	kept  budget
	// seen are the hashes of the parts met once, by state and bytes: a
	// part is kept when met again, so that the parts only one commune has
	// (its facts) are read once and not kept.
	seen metOnce
}

type cachedPart struct {
	state string
	text  *partText
}

// maxSeenParts is the most hashes of parts met once an ExtractCache
// keeps: past it, it forgets them all. A part longer than maxPartBytes (a
// long table, say) is read each time, and never kept (see budget).
const (
	maxSeenParts = 1 << 16
	maxPartBytes = 16 << 10
)

// maxCachedDepth is the most open elements a part is looked up and kept
// under: the key of a part, and what it keeps, grow with them, and a page
// nests far fewer; the parts of a page nested deeper (a page made to slow
// the build) are read without the cache.
const maxCachedDepth = 64

// partText is what reading a part does, from the state it was read in:
// the passages it ends, the text it leaves begun and the state after it.
type partText struct {
	// clean is false for a part that may not end between two tokens (see
	// extractor.read): the page is then read whole.
	clean bool
	// passages are the passages the part ends. When the part starts with
	// a passage begun (see key), the first continues it.
	passages []Passage
	// rest is the text of the passage the part leaves begun; it continues
	// the passage begun before it when the part ends none.
	rest  []byte
	open  []element
	space bool
	// heading tells whether the passage begun is a heading's.
	heading bool
}

// Extract returns Extract(page), reading only the parts of page the cache
// does not know.
func (c *ExtractCache) Extract(page []byte) []Passage {
	if c == nil {
		return Extract(page)
	}
	x, src := start(page)
	var k []byte
	for len(src) > 0 {
		n := nextPart(src)
		if !c.read(x, &k, src[:n], true) {
			return Extract(page)
		}
		src = src[n:]
	}
	x.flush()
	return x.out
}

// read does to x what reading part does, and reports whether the part is
// clean (see extractor.read). k is reused for the state's key. A block
// met for the first time is read in smaller parts when split is set, cut
// before each of its tags: a block that names a commune's facts (in
// <bdi>, a link) is then read, from the second commune on, by its parts
// that every commune shares, and only the fact is read again.
func (c *ExtractCache) read(x *extractor, k *[]byte, part []byte, split bool) bool {
	if len(x.open) > maxCachedDepth {
		return x.read(part)
	}
	*k = x.key((*k)[:0])
	p := c.get(*k, part)
	if p == nil {
		again := c.met(*k, part)
		if !again && split && nextTag(part) < len(part) {
			return c.readByTags(x, k, part)
		}
		p = x.readPart(part)
		if again {
			c.put(*k, part, p)
		}
	}
	if !p.clean {
		return false
	}
	x.apply(p)
	return true
}

// readByTags does to x what reading part does, part cut before each of
// its tags, each piece looked up and kept on its own.
func (c *ExtractCache) readByTags(x *extractor, k *[]byte, part []byte) bool {
	for len(part) > 0 {
		n := nextTag(part)
		if !c.read(x, k, part[:n], false) {
			return false
		}
		part = part[n:]
	}
	return true
}

// get returns what part gives from the state k, or nil if it is not kept.
func (c *ExtractCache) get(k, part []byte) *partText {
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, e := range c.parts[string(part)] {
		if e.state == string(k) {
			return e.text
		}
	}
	return nil
}

// met notes that part was met in the state k, and reports whether it was
// met before. A part longer than maxPartBytes is never kept: it is
// reported met for the first time.
func (c *ExtractCache) met(k, part []byte) (again bool) {
	if len(part) > maxPartBytes {
		return false
	}
	var h maphash.Hash
	h.SetSeed(seed)
	h.Write(k)
	h.Write(part)
	sum := h.Sum64()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seen.again(sum, maxSeenParts)
}

// put keeps p, what part, met again, gives from the state k, if the
// cache's budget allows.
func (c *ExtractCache) put(k, part []byte, p *partText) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.parts[string(part)] {
		if e.state == string(k) {
			return // another page kept it meanwhile
		}
	}
	if !c.kept.take(len(k) + len(part) + p.size()) {
		return
	}
	if c.parts == nil {
		c.parts = map[string][]cachedPart{}
	}
	c.parts[string(part)] = append(c.parts[string(part)], cachedPart{string(k), p})
}

// size is the bytes of text p holds.
func (p *partText) size() int {
	n := len(p.rest)
	for _, q := range p.passages {
		n += len(q.Text)
	}
	return n
}

// nextTag returns the length of the part src starts with when it is cut
// before each tag: up to the next "<" followed by a letter, or by "/" and
// a letter, or all of src.
func nextTag(src []byte) int {
	for i := 1; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		name := i + 1
		if name < len(src) && src[name] == '/' {
			name++
		}
		if name < len(src) && ('a' <= src[name] && src[name] <= 'z' || 'A' <= src[name] && src[name] <= 'Z') {
			return i
		}
		i++
	}
	return len(src)
}

// nextPart returns the length of the part src starts with: up to the
// next start tag of a block, or all of src.
func nextPart(src []byte) int {
	for i := 1; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		end := i
		for end < len(src) && ('a' <= src[end] && src[end] <= 'z' || '0' <= src[end] && src[end] <= '9') {
			end++
		}
		if end == i || end == len(src) {
			continue
		}
		switch src[end] {
		case ' ', '\t', '\n', '\f', '\r', '/', '>':
			if blocks[atom.Lookup(src[i:end])] {
				return i - 1
			}
		}
	}
	return len(src)
}

// key appends to k what reading a part depends on besides its bytes: the
// state of x (its open elements, whether a passage is begun and how).
func (x *extractor) key(k []byte) []byte {
	var flags byte
	if x.whole {
		flags |= 1
	}
	if x.space {
		flags |= 2
	}
	if x.inHeading {
		flags |= 4
	}
	if x.buf.Len() > 0 {
		flags |= 8
	}
	k = append(k, flags)
	k = binary.AppendUvarint(k, uint64(len(x.open)))
	for _, e := range x.open {
		v := uint64(e.tag) << 1
		if e.skip {
			v |= 1
		}
		k = binary.AppendUvarint(k, v)
	}
	return k
}

// readPart reads part from the state of x, leaving x as it is.
func (x *extractor) readPart(part []byte) *partText {
	y := &extractor{whole: x.whole, open: append([]element(nil), x.open...), space: x.space, inHeading: x.inHeading,
		skipping: x.skipping, heading: x.heading, main: x.main}
	begun := x.buf.Len() > 0
	if begun {
		// One byte stands for the passage begun: the part reads as it
		// would after any text, and the byte is taken off what it gives.
		y.buf.WriteByte(0)
	}
	p := &partText{clean: y.read(part), open: y.open, space: y.space, heading: y.inHeading}
	p.passages = y.out
	rest := y.buf.Bytes()
	if begun && len(p.passages) > 0 {
		p.passages[0].Text = p.passages[0].Text[1:]
	} else if begun {
		rest = rest[1:]
	}
	p.rest = bytes.Clone(rest)
	return p
}

// apply does to x what reading the part p does.
func (x *extractor) apply(p *partText) {
	passages := p.passages
	if x.buf.Len() > 0 && len(passages) > 0 {
		x.buf.WriteString(passages[0].Text)
		x.out = append(x.out, Passage{Text: x.buf.String(), Heading: passages[0].Heading})
		x.buf.Reset()
		passages = passages[1:]
	}
	x.out = append(x.out, passages...)
	x.buf.Write(p.rest)
	x.open = append(x.open[:0], p.open...)
	x.skipping, x.heading, x.main = 0, 0, 0
	for _, e := range x.open {
		x.count(e.tag, e.skip, 1)
	}
	x.space, x.inHeading = p.space, p.heading
}

// budget counts what a cache keeps, in entries and in bytes of text, so
// that it stays small over a whole country, whatever the pages: past
// maxCachedEntries or maxCachedBytes, a new entry is not kept (the first
// sites have put the shared ones in by then).
type budget struct{ entries, bytes int }

const (
	maxCachedEntries = 1 << 14
	maxCachedBytes   = 8 << 20
)

// take counts an entry of n bytes, and reports false, counting nothing,
// when it would pass the budget.
func (b *budget) take(n int) bool {
	if b.entries >= maxCachedEntries || b.bytes+n > maxCachedBytes {
		return false
	}
	b.entries++
	b.bytes += n
	return true
}

// metOnce are the hashes of what a cache met once: it keeps what it meets
// again, so that what only one commune has (its facts) is not kept.
type metOnce map[uint64]struct{}

// again notes h and reports whether it was noted before. Past most
// hashes, it forgets them all.
func (m *metOnce) again(h uint64, most int) bool {
	if _, ok := (*m)[h]; ok {
		return true
	}
	if *m == nil || len(*m) >= most {
		*m = metOnce{}
	}
	(*m)[h] = struct{}{}
	return false
}
