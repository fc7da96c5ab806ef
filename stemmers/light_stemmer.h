// Savoy's light stemmer for German (the "UniNE" light stemmer): J. Savoy, "Light stemming
// approaches for the French, Portuguese, German and Hungarian languages", ACM SAC 2006, pp.
// 1031-1035. Written from the paper's published rules (the algorithm Lucene's GermanLightStemmer
// also implements; no code taken from it). Used by NEWSINDEX_ANALYSIS=light-stem instead of Snowball.
#pragma once

#include <string>
#include <string_view>

namespace newsindex {

// The light stem of a lowercase word (our chain passes the umlaut-folded form). Savoy's rules:
// accented vowels to their base letter (ä/à/á/â → a, ö/ò/ó/ô → o, ü/ù/ú/û → u, ï/ì/í/î → i);
// step 1 removes the first of -ern (6+ letters), -em/-en/-er/-es (5+), -e (4+), -s after one of
// b d f g h k l m n t (4+); step 2 then removes the first of -est (6+), -er/-en (5+), -st after one
// of b d f g h k l m n t (5+). Lengths count code points of the word before the cut.
std::string savoy_light_stem(std::string_view word);

}  // namespace newsindex
