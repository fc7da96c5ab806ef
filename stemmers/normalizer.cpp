#include "normalizer.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace newsindex {

namespace {

// Lowercases ASCII and Latin-1 letters in place; false when anything needs ICU (other scripts,
// compatibility characters, typographic punctuation).
bool fast_lowercase(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      continue;
    }
    if (c == 0xC3 && i + 1 < in.size()) {
      unsigned char d = static_cast<unsigned char>(in[i + 1]);
      if (d >= 0x80 && d <= 0xBF) {
        // U+00C0..U+00DE uppercase (except × U+00D7, ß U+00DF stays) → +0x20.
        if (d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
        out.push_back(static_cast<char>(0xC3));
        out.push_back(static_cast<char>(d));
        ++i;
        continue;
      }
    }
    return false;
  }
  return true;
}


UChar32 unify(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032: case 0x00B4: case 0x0060:
      return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
      return '-';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      return '"';
    default:
      return c;
  }
}

}  // namespace

std::string normalize_text(std::string_view text) {
  std::string out;
  if (fast_lowercase(text, out)) return out;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString n = nfkc->normalize(s, status);
  if (U_FAILURE(status)) n = s;
  n.toLower(icu::Locale::getGerman());
  icu::UnicodeString cleaned;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (is_ignorable(static_cast<char32_t>(c))) continue;
    cleaned.append(unify(c));
  }
  out.clear();
  cleaned.toUTF8String(out);
  return out;
}

bool has_umlaut(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) != 0xC3) continue;
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0xA4 || d == 0xB6 || d == 0xBC) return true;  // ä ö ü
  }
  return false;
}

std::string fold_umlauts(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      const char* r = nullptr;
      switch (d) {
        case 0xA4: r = "ae"; break;  // ä
        case 0xB6: r = "oe"; break;  // ö
        case 0xBC: r = "ue"; break;  // ü
        case 0x9F: r = "ss"; break;  // ß
        case 0xA6: r = "ae"; break;  // æ
        case 0xB8: r = "o"; break;   // ø
        case 0xA0: case 0xA1: case 0xA2: case 0xA3: case 0xA5: r = "a"; break;
        case 0xA7: r = "c"; break;
        case 0xA8: case 0xA9: case 0xAA: case 0xAB: r = "e"; break;
        case 0xAC: case 0xAD: case 0xAE: case 0xAF: r = "i"; break;
        case 0xB1: r = "n"; break;
        case 0xB2: case 0xB3: case 0xB4: case 0xB5: r = "o"; break;
        case 0xB9: case 0xBA: case 0xBB: r = "u"; break;
        case 0xBD: case 0xBF: r = "y"; break;
        default: break;
      }
      if (r) {
        out += r;
        ++i;
        continue;
      }
    }
    // Other non-ASCII: drop combining marks after canonical decomposition (č→c, ğ→g, ł stays).
    std::int32_t j = static_cast<std::int32_t>(i);
    UChar32 cp;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), j, static_cast<std::int32_t>(s.size()), cp);
    if (cp < 0) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposed;
    if (U_SUCCESS(status) && nfd->getDecomposition(cp, decomposed)) {
      icu::UnicodeString kept;
      for (int32_t k = 0; k < decomposed.length();) {
        UChar32 d = decomposed.char32At(k);
        k += U16_LENGTH(d);
        if ((U_GET_GC_MASK(d) & U_GC_M_MASK) == 0) kept.append(d);
      }
      kept.toUTF8String(out);
    } else {
      out.append(s.substr(i, static_cast<std::size_t>(j) - i));
    }
    i = static_cast<std::size_t>(j) - 1;
  }
  return out;
}

bool has_ambiguous_folding(std::string_view f) {
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    char a = f[i], b = f[i + 1];
    if ((b == 'e' && (a == 'a' || a == 'o' || a == 'u')) || (a == 's' && b == 's')) return true;
  }
  return false;
}

bool is_ignorable(char32_t c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x034F;
}

}  // namespace newsindex
