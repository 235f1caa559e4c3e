// name: load-stamp
// purpose: Every load writes a new stamp, in the same all-or-nothing unit as its data, on one node outside the
//          Entity label (no query, count or export sees it); what is derived from the store and kept between
//          commands (the name table, graph/names.py) is valid while the stamp is unchanged.
// parameters: $stamp — a new random string
MERGE (m:LoadStamp {key: 'load'})
SET m.stamp = $stamp
