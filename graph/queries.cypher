// govkg's Cypher cookbook: named queries over a graph loaded with `govkg load`.
//
// Run one with `govkg query --name NAME [--param key=value ...]`, or paste it into cypher-shell or
// Neo4j Browser (set the $parameters there first, e.g. `:param city => '某市'`).
// Each query starts with a `// name:` line, then comment lines saying what it answers, then
// `// params:` when it needs any, then the statement, ending with a semicolon.
// Labels, relationship types and property keys are those of graph/schema.py.

// name: who_heads_which_bureau
// Who holds which post in which bureau (organs of the state and the party), with the post words as
// the articles give them (党组书记、局长). One row per person and bureau.
MATCH (p:Person)-[post:HOLDS_POSITION]->(b:Bureau)
RETURN b.name AS bureau, p.name AS person, post.title AS title
ORDER BY bureau, person;

// name: city_bureau_reforms
// The reforms each city's bureaus promote. A bureau belongs to the city it is located in, directly
// or through the districts and counties that are part of the city.
MATCH (b:Bureau)-[:PROMOTES]->(r:Reform)
MATCH (b)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(city:Place {level: 'city'})
WITH DISTINCT city, b, r
ORDER BY r.name
RETURN city.name AS city, b.name AS bureau, collect(r.name) AS reforms
ORDER BY city, bureau;

// name: events_in_city_month
// Events held in a city (or in a place that is part of it) during a month, with who attended.
// An event counts when its dates overlap the month. $month is 'YYYY-MM'.
// params: city, month
MATCH (e:Event)-[:HELD_IN]->(:Place)-[:PART_OF*0..4]->(:Place {name: $city})
WHERE e.date < date($month + '-01') + duration({months: 1})
  AND coalesce(e.end_date, e.date) >= date($month + '-01')
WITH DISTINCT e
OPTIONAL MATCH (e)-[:HELD_IN]->(place:Place)
OPTIONAL MATCH (person:Person)-[:ATTENDS]->(e)
WITH e, collect(DISTINCT place.name) AS places, person
ORDER BY person.name
RETURN e.name AS event, e.date AS date, e.end_date AS end_date, places,
       collect(person.name) AS attended_by
ORDER BY date, event;

// name: officials_sharing_event_or_organization
// Pairs of officials who attended the same event or hold posts in the same organization.
MATCH (a:Official)-[ra:ATTENDS|HOLDS_POSITION]->(shared)<-[rb:ATTENDS|HOLDS_POSITION]-(b:Official)
WHERE a.id < b.id AND type(ra) = type(rb)
RETURN a.name AS official, b.name AS other_official, shared.name AS shared, shared.label AS kind
ORDER BY kind, shared, official, other_official;

// name: shortest_path_between_people
// The shortest chain of facts linking two people, in either direction, not counting "both were
// mentioned in the same article" (paths through Article nodes are left out).
// params: from, to
MATCH (a:Person {name: $from}), (b:Person {name: $to})
MATCH path = shortestPath((a)-[*..12]-(b))
WHERE none(n IN nodes(path) WHERE n:Article)
RETURN [n IN nodes(path) | n.name] AS chain, [r IN relationships(path) | type(r)] AS via,
       length(path) AS hops;

// name: reforms_recognized_by_higher_bodies
// Reforms a local body promotes that a higher body promotes too: one located in a place that the
// local body's place is part of, or one with no place of its own (a national body).
MATCH (local:Organization)-[:PROMOTES]->(r:Reform)<-[:PROMOTES]-(higher:Organization)
MATCH (local)-[:LOCATED_IN]->(home:Place)
WHERE local <> higher
  AND (EXISTS { (higher)-[:LOCATED_IN]->(:Place)<-[:PART_OF*1..4]-(home) }
       OR NOT EXISTS { (higher)-[:LOCATED_IN]->(:Place) })
WITH r, local, home, higher
ORDER BY higher.name
RETURN r.name AS reform, local.name AS promoted_by, home.name AS place,
       collect(higher.name) AS recognized_by
ORDER BY reform, promoted_by;

// name: evidence_for_relationship
// The sentences behind one relationship, with the articles it was seen in. $type is a relationship
// type such as HOLDS_POSITION; $source and $target are names.
// params: source, type, target
MATCH (a)-[r]->(b)
WHERE a.name = $source AND b.name = $target AND type(r) = $type
UNWIND r.evidence AS sentence
RETURN a.name AS source, type(r) AS type, b.name AS target, r.title AS title, r.articles AS articles,
       sentence
ORDER BY sentence;

// name: most_connected_entities
// The ten entities with the most relationships to other entities (article mentions and bylines
// are not counted).
MATCH (n)
WHERE NOT n:Article
WITH n, COUNT { (n)-[]-(m) WHERE NOT m:Article } AS degree
RETURN n.name AS entity, n.label AS label, degree
ORDER BY degree DESC, entity
LIMIT 10;

// name: articles_and_authors
// Each article with its headline, date, the journalists who signed it and how many entities it
// mentions.
MATCH (a:Article)
OPTIONAL MATCH (j:Person)-[:AUTHORED]->(a)
WITH a, j
ORDER BY j.name
WITH a, collect(j.name) AS authors
RETURN a.name AS article, a.title AS title, a.date AS date, authors,
       COUNT { (a)-[:MENTIONS]->() } AS mentions
ORDER BY article;

// name: post_holders_over_time
// Who held posts in a body, in order: a succession table. start is the earliest appointment or
// election the articles state, end the latest removal, status current, former or pending
// (nominated or proposed only); first_seen and last_seen are the dates of the first and last
// article stating the post.
// params: body
MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Organization {name: $body})
RETURN p.name AS person, r.title AS title, r.start AS start, r.end AS end, r.status AS status,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY coalesce(r.start, r.first_seen), person;

// name: holder_on_date
// Who held a post in a body on a day ($on is 'YYYY-MM-DD'): the post began (its start, else the
// first article stating it) on or before that day and had not ended by it. Nominations and
// proposals that were never followed by an appointment do not count.
// params: body, on
MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Organization {name: $body})
WHERE r.status <> 'pending'
  AND coalesce(r.start, r.first_seen) <= date($on)
  AND (r.end IS NULL OR r.end > date($on))
RETURN p.name AS person, r.title AS title, r.start AS start, r.end AS end
ORDER BY person;

// name: person_timeline
// The posts of a person, in the order they began, with how each began and ended.
// params: person
MATCH (p:Person {name: $person})-[r:HOLDS_POSITION]->(b:Organization)
RETURN b.name AS body, r.title AS title, r.start AS start, r.end AS end, r.status AS status,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY coalesce(r.start, r.first_seen), body;

// name: changes_between
// What changed between two days ($from and $to, 'YYYY-MM-DD', both included): posts begun and
// ended, reforms first reported as promoted, events held.
// params: from, to
CALL () {
  MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Organization)
  WHERE date($from) <= r.start <= date($to)
  RETURN 'post begun' AS change, r.start AS date, p.name AS subject, b.name AS object
  UNION ALL
  MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Organization)
  WHERE date($from) <= r.end <= date($to)
  RETURN 'post ended' AS change, r.end AS date, p.name AS subject, b.name AS object
  UNION ALL
  MATCH (o:Organization)-[r:PROMOTES]->(f:Reform)
  WHERE date($from) <= r.first_seen <= date($to)
  RETURN 'reform promoted' AS change, r.first_seen AS date, o.name AS subject, f.name AS object
  UNION ALL
  MATCH (e:Event)
  WHERE date($from) <= e.date <= date($to)
  RETURN 'event held' AS change, e.date AS date, e.name AS subject, null AS object
}
RETURN change, date, subject, object
ORDER BY date, change, subject, object;

// name: reform_diffusion
// How a reform spread: the bodies that promote it, with their place, in the order of their first
// dated report (undated reports last).
// params: reform
MATCH (o:Organization)-[r:PROMOTES]->(f:Reform {name: $reform})
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place:Place)
WITH o, r, min(place.name) AS place
RETURN o.name AS body, place, r.first_seen AS first_reported, r.articles AS articles
ORDER BY r.first_seen IS NULL, r.first_seen, body;

// name: namesakes
// Names that more than one person holds, with what tells them apart: the region the person's id is
// keyed by (the city of their posts, else of the articles naming them) and their posts.
MATCH (p:Person)
WITH p.name AS name, collect(p) AS people
WHERE size(people) > 1
UNWIND people AS p
OPTIONAL MATCH (p)-[r:HOLDS_POSITION]->(b:Organization)
WITH name, p, b, r
ORDER BY b.name
WITH name, p, [post IN collect(b.name + coalesce(r.title, '')) WHERE post IS NOT NULL] AS posts
RETURN name, p.id AS id, posts, size(p.sources) AS articles
ORDER BY name, id;
