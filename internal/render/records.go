package render

import (
	"github.com/tadafor/tadafor/internal/site"
)

// recordPages lists the pages made from a commune's records: one page per
// list (with an empty state when the list is empty) and one per record.
func (r *renderer) recordPages(c *site.Commune) []*generated {
	return nil
}
