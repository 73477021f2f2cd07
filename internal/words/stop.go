package words

// The stopword lists, one per purpose. Each purpose drops what would
// mislead it, so the lists differ; each was tuned with its stage and is
// kept as it was.

// TopicStop are left out of the terms that say which event an article
// reports (story clustering): function words, and the words of reporting
// itself ("said", "according").
var TopicStop = Set(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours yourself
yourselves said says say told according mr mrs ms dr one two new would also s t re ve ll d m don didn
doesn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn per via upon amid among`)

// ClaimStop are left out of the words that say what a sentence claims
// (the report's fact alignment), and of a quote's content words.
var ClaimStop = Set(`a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers him his how if in into is it its itself just me more most my no nor not now of off on
once only or other our out over own same she should so some such than that the their them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
would you your said says say told also one two new would year years just like still`)

// ShingleStop are left out of the word pairs that find copied text: two
// unrelated texts share "of the" everywhere, copies share content words.
var ShingleStop = Set(`a an the of to in on at by for and or but is was are were be been has have had it its as
that this with from he she they his her their not will would said says`)
