package quotes

import "github.com/parallax-news/parallax/internal/words"

// cueWords are reporting verbs. The list holds the single-word cues that
// introduce attributions at least twice in the PolNeAR training split
// (nouns, prepositions and verbs of mere belief left out), plus common
// reporting verbs and spellings that split lacks.
var cueWords = words.Set(`accept accepted according accused accuses accusing acknowledge acknowledged acknowledges
acknowledging add added adding addressed addressing adds admit admits admitted admitting adopted
advised advising advocates agree agreed agrees aims alleged alleges alleging allowed allows angered
announce announced announcement announces announcing answer answered answering answers anticipated
appear appeared appears appending applaud applauded applauding appointed argue argued argues arguing
articulated ask asked asking asks assailed asserted asserting assured attacked attacking attacks
authorized backed backing backs barked bashing began bemoaned blame blamed blames blaming blast
blasted blasting blasts blocked boasted brags calculates call called calling calls captured cast
cautioned celebrated challenged challenges challenging champions chanted chanting chants charge
charged cheered chided chiding chose cite cited cites citing claim claimed claiming claims comment
compared comparing complained conceded conclude concluded concludes condemned confirmed
congratulated consider considered considering considers contemplate contends continued continues
contradicted contrasting convince covered cracked credited crediting criticise criticised criticized
criticizing decide decided deciding declared declares declaring declined decried decrying deemed
defend defended defending defends delivered delivering demanded demanding demands demonstrates
denied denies denounced denouncing describe described describes describing designed detailing
determined determining devoted disclosed discuss discussed discussing dismissed dismisses dismissing
displayed displaying documented doubt downplayed drew drove dubbed echoed echoing emailed embraced
embraces embracing emphasise emphasised emphasized emphasizing encouraged encouraging endorse
endorsed endorses endorsing envisioned established estimate estimated estimates exclaim exclaimed
exemplifying experienced explained explaining explains exposed express expressed filed files follows
forecast foresee hailed heralded highlighted highlighting hints hired hits hitting holding
identified identify ignore ignored illustrates imagined implied implying imposed included includes
indicate indicated indicates informed insist insisted insisting insists intend intended interjected
interpret introduces introducing invoked issued joked knocked labeled lamented lamenting laments
launched leaning learned likened limiting listed listing lists mean mentioned mentioning mentions
mock mocked mocking mocks mutter muttered named naming negotiated nominate nominated nominating note
noted notes noticed noting observed offer offered offering offers order ordered orders outlined
outlining overturned painting passed passing pegs persuaded persuading plan planned plans pledged
pledges pledging portrayed portraying post posted posts praised praises praising predict predicted
predicting predicts pressed proclaimed prohibits projected promise promised promises promising
promote promoting pronounced proposed proposes proposing protested protesting proved provided
published push pushed pushes question questioned questioning questions quip quipped quoted quotes
quoting raised rattled read reads reaffirmed realized rebuffed rebuked recall recalled recalling
recalls recognize recognized recognizes recognizing recommended recorded recounted referenced
referencing referring reflects refuse refused refuses refusing reiterated rejected released relished
remarked remarking remarks remember remembered remembering remembers reminded reminding reminds
repeated repeating replied report reported reporting reports represented requested requests require
required requiring responded responds restricting retort retorted retweeted reveal revealed reveals
rips ruled ruling said sang savaging say saying says scream screamed share shared shares shouted
signed sing sings slammed slamming slams sounded sounds speculated spoke spotted state stated states
stating stressed submitted sued suggest suggested suggesting suggests surmised surprised suspected
suspended takes targets tell telling tells testified thanked thanking threaten threatened
threatening threatens titled told touted touting touts tweet tweeted tweeting tweets underscores
urged urges urging vetoed voiced vow vowed vowing vows warn warned warning warns watched welcomed
whisper whispered withdrew wondered write writes writing wrote yelled`)
