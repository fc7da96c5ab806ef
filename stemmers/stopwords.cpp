#include "stopwords.h"

#include <array>

namespace newsindex {

namespace {
// Articles, pronouns, prepositions, conjunctions, auxiliaries and particles of German news prose.
constexpr std::array kStopwords = std::to_array<std::string_view>({
    "aber", "als", "also", "am", "an", "andere", "anderen", "auch", "auf", "aus", "bei", "beim", "bin",
    "bis", "bist", "da", "dabei", "damit", "dann", "das", "dass", "daß", "dein", "deine", "dem", "den",
    "denn", "der", "deren", "des", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen",
    "dieser", "dieses", "dir", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer",
    "eines", "er", "es", "etwa", "euch", "euer", "eure", "für", "gegen", "hab", "habe", "haben", "hat",
    "hatte", "hatten", "hier", "hin", "hinter", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem",
    "ihren", "ihrer", "ihres", "im", "in", "ins", "ist", "ja", "jede", "jedem", "jeden", "jeder",
    "jedes", "jetzt", "kann", "kein", "keine", "keinem", "keinen", "keiner", "können", "man", "mein",
    "meine", "mich", "mir", "mit", "muss", "musste", "nach", "nicht", "nichts", "noch", "nun", "nur",
    "ob", "oder", "ohne", "sehr", "sein", "seine", "seinem", "seinen", "seiner", "seines", "seit",
    "sich", "sie", "sind", "so", "soll", "sollen", "sollte", "sondern", "sowie", "über", "um", "und",
    "uns", "unser", "unsere", "unter", "vom", "von", "vor", "war", "waren", "was", "weil", "wenn",
    "wer", "werde", "werden", "wie", "wieder", "will", "wir", "wird", "wo", "wurde", "wurden", "zu",
    "zum", "zur", "zwar", "zwischen",
});
}  // namespace

std::span<const std::string_view> german_stopwords() { return kStopwords; }

}  // namespace newsindex
