#include "graph/entities/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "graph/base/text.h"

namespace weft::entities {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
// Earliest and latest years read as years.
constexpr int kFirstYear = 1800;
constexpr int kLastYear = 2200;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int WeekdayOf(std::string_view word) {
  std::string w = AsciiLower(word);
  for (size_t d = 0; d < kWeekdays.size(); ++d) {
    if (w == kWeekdays[d]) return static_cast<int>(d);
  }
  return -1;
}

// A plain number: "1,000", "3.5", "155,221". The whole token must be read.
std::optional<double> PlainNumber(std::string_view t) {
  if (t.empty() || !IsDigit(t[0])) return std::nullopt;
  std::string digits;
  bool dot = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (c == ',' && !dot && i > 0 && IsDigit(t[i - 1]) && i + 3 < t.size() + 1 &&
               IsDigit(t[i + 1]) && IsDigit(t[i + 2]) && IsDigit(t[i + 3]) &&
               (i + 4 == t.size() || !IsDigit(t[i + 4]))) {
      continue;
    } else if (c == '.' && !dot && i + 1 < t.size() && IsDigit(t[i + 1])) {
      dot = true;
      digits.push_back('.');
    } else {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  double v = std::strtod(digits.c_str(), &end);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return v;
}

// "1-1/4" (one and a quarter), "7/8", "13/16": a whole part, a dash, and a fraction, or a
// fraction alone; nullopt for anything else.
std::optional<double> Fraction(std::string_view t) {
  const size_t slash = t.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= t.size()) return std::nullopt;
  const size_t dash = t.rfind('-', slash);
  double whole = 0;
  size_t from = 0;
  if (dash != std::string_view::npos) {
    auto w = PlainNumber(t.substr(0, dash));
    if (!w || dash + 1 >= slash) return std::nullopt;
    whole = *w;
    from = dash + 1;
  }
  const std::string_view num = t.substr(from, slash - from), den = t.substr(slash + 1);
  if (num.find_first_not_of("0123456789") != std::string_view::npos ||
      den.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  auto n = PlainNumber(num), d = PlainNumber(den);
  if (!n || !d || *d == 0 || *n >= *d) return std::nullopt;
  return whole + *n / *d;
}

double ScaleOf(std::string_view word) {
  std::string w = AsciiLower(word);
  if (w == "thousand" || w == "k") return 1e3;
  if (w == "million" || w == "millions" || w == "mln" || w == "mn" || w == "m") return 1e6;
  if (w == "billion" || w == "billions" || w == "bln" || w == "bn" || w == "b") return 1e9;
  if (w == "trillion" || w == "trln" || w == "tn") return 1e12;
  return 0;
}

std::optional<double> WordNumber(std::string_view word) {
  static const std::array<std::string_view, 13> kWords = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  std::string w = AsciiLower(word);
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (w == kWords[i]) return static_cast<double>(i);
  }
  if (w == "twenty") return 20;
  if (w == "thirty") return 30;
  if (w == "fifty") return 50;
  if (w == "hundred" || w == "hundreds") return 100;
  if (w == "dozen" || w == "dozens") return 12;
  return std::nullopt;
}

// A currency sign or prefix at the start of a token ("US$", "£").
std::string CurrencyPrefix(std::string_view t, size_t* length) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kSigns = {
      {{"US$", "USD"},
       {"C$", "CAD"},
       {"A$", "AUD"},
       {"HK$", "HKD"},
       {"NZ$", "NZD"},
       {"S$", "SGD"},
       {"$", "USD"},
       {"\u00A3", "GBP"},
       {"\u20AC", "EUR"},
       {"\u00A5", "JPY"}}};
  for (const auto& [sign, code] : kSigns) {
    if (t.starts_with(sign)) {
      *length = sign.size();
      return std::string(code);
    }
  }
  *length = 0;
  return "";
}

// A currency named after the amount; `before` is the word before the name ("Swiss francs").
std::string CurrencyWord(std::string_view word, std::string_view before) {
  std::string w = AsciiLower(word);
  std::string b = AsciiLower(before);
  if (w == "dollars" || w == "dollar" || w == "dlrs" || w == "dlr" || w == "usd") {
    if (b == "canadian") return "CAD";
    if (b == "australian") return "AUD";
    if (b == "kong") return "HKD";
    if (b == "zealand") return "NZD";
    if (b == "singapore") return "SGD";
    if (b == "taiwan") return "TWD";
    return "USD";
  }
  if (w == "pounds" || w == "pound" || w == "stg" || w == "sterling") return "GBP";
  if (w == "euros" || w == "euro" || w == "eur") return "EUR";
  if (w == "yen") return "JPY";
  if (w == "yuan" || w == "renminbi") return "CNY";
  if (w == "francs" || w == "franc") {
    if (b == "swiss") return "CHF";
    if (b == "belgian") return "BEF";
    return "FRF";
  }
  if (w == "marks" || w == "mark" || w == "dm" || w == "deutschmarks") return "DEM";
  if (w == "lire" || w == "lira") return "ITL";
  if (w == "pesetas") return "ESP";
  if (w == "guilders") return "NLG";
  if (w == "rupees") return "INR";
  if (w == "roubles" || w == "rubles") return "RUB";
  if (w == "won") return "KRW";
  if (w == "pesos") return "MXN";
  if (w == "crowns" || w == "kronor") return "SEK";
  if (w == "rand") return "ZAR";
  if (w == "ringgit") return "MYR";
  return "";
}

}  // namespace

int MonthOf(std::string_view word) {
  std::string w = AsciiLower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (w == "sept") return 9;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (w == kMonths[m]) return static_cast<int>(m) + 1;
    // Three-letter abbreviations, not "may" twice, "mar" and "jun" only capitalised.
    if (w.size() == 3 && kMonths[m].substr(0, 3) == w && word[0] >= 'A' && word[0] <= 'Z') {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

bool IsUnitWord(std::string_view word) {
  if (ScaleOf(word) != 0 || !CurrencyWord(word, "").empty()) return true;
  std::string w = AsciiLower(word);
  return w == "pct" || w == "percent" || w == "per cent" || w == "ct" || w == "cts" ||
         w == "cent" || w == "cents" || w == "p" || w == "pence";
}

namespace {

// Words after a number that are not what it counts.
bool IsCountable(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  static const std::array<std::string_view, 38> kNot = {
      "a",     "an",     "the",      "and",   "or",      "to",   "of",   "in", "on",   "at",
      "for",   "from",   "by",       "with",  "against", "than", "as",   "is", "was",  "are",
      "were",  "be",     "been",     "will",  "would",   "said", "says", "up", "down", "per",
      "after", "before", "compared", "while", "but",     "this", "that", "it"};
  for (std::string_view n : kNot) {
    if (word == n) return false;
  }
  return true;
}

std::string Amount(double v) {
  if (std::fabs(v - std::round(v)) < 1e-6 && std::fabs(v) < 1e15) {
    return fmt::format("{:.0f}", std::round(v));
  }
  std::string s = fmt::format("{:.4f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

int DaysInMonth(int year, int month) {
  static const std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

// Day of the week (0 Sunday) of a full date.
int WeekdayOfDate(const CalendarDate& d) {
  std::tm tm{};
  tm.tm_year = d.year - 1900;
  tm.tm_mon = d.month - 1;
  tm.tm_mday = d.day;
  tm.tm_hour = 12;
  time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  return out.tm_wday;
}

CalendarDate AddDays(const CalendarDate& d, int days) {
  std::tm tm{};
  tm.tm_year = d.year - 1900;
  tm.tm_mon = d.month - 1;
  tm.tm_mday = d.day + days;
  tm.tm_hour = 12;
  time_t t = timegm(&tm);
  std::tm out{};
  gmtime_r(&t, &out);
  return {out.tm_year + 1900, out.tm_mon + 1, out.tm_mday};
}

bool IsTimePreposition(std::string_view w) {
  static const std::array<std::string_view, 12> kBefore = {"in",    "since",   "by",     "until",
                                                           "till",  "from",    "during", "before",
                                                           "after", "through", "for",    "of"};
  return std::find(kBefore.begin(), kBefore.end(), w) != kBefore.end();
}

bool IsYear(std::string_view t, int* year) {
  if (t.size() != 4 || !std::all_of(t.begin(), t.end(), IsDigit)) return false;
  int y = std::stoi(std::string(t));
  if (y < kFirstYear || y > kLastYear) return false;
  *year = y;
  return true;
}

bool IsDay(std::string_view t, int* day) {
  std::string w(t);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (w.size() > 2 && w.ends_with(suffix)) w.resize(w.size() - 2);
  }
  if (w.empty() || w.size() > 2 || !std::all_of(w.begin(), w.end(), IsDigit)) return false;
  int d = std::stoi(w);
  if (d < 1 || d > 31) return false;
  *day = d;
  return true;
}

class Finder {
 public:
  Finder(const std::vector<Token>& tokens, std::string_view text,
         std::optional<CalendarDate> document_date)
      : t_(tokens), text_(text), doc_(document_date) {}

  std::vector<Value> Run() {
    std::vector<Value> out;
    for (size_t i = 0; i < t_.size();) {
      std::optional<Value> v = Date(i);
      if (!v) v = Number(i);
      if (v) {
        i = v->end_token;
        Finish(&*v);
        out.push_back(std::move(*v));
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  std::string_view W(size_t i) const { return i < t_.size() ? std::string_view(t_[i].text) : ""; }
  std::string L(size_t i) const { return AsciiLower(W(i)); }

  void Finish(Value* v) const {
    v->begin = t_[v->first_token].begin;
    v->end = t_[v->end_token - 1].end;
    v->text = std::string(text_.substr(v->begin, v->end - v->begin));
    switch (v->kind) {
      case ValueKind::kMoney:
        v->normalised =
            Amount(v->amount) + (v->high != v->amount ? "-" + Amount(v->high) : "") + " " + v->unit;
        break;
      case ValueKind::kPercent:
        v->normalised =
            Amount(v->amount) + (v->high != v->amount ? "-" + Amount(v->high) : "") + "%";
        break;
      case ValueKind::kDate:
        v->normalised = IsoDate(v->date);
        break;
      case ValueKind::kQuantity:
        v->normalised = Amount(v->amount) + (v->unit.empty() ? "" : " " + v->unit);
        break;
    }
  }

  // The year of a month named without one: the one that puts it nearest the document's date
  // (a March report's "December" is the last one, its "April" the next).
  int NearestYear(int month) const {
    if (doc_->month == 0) return doc_->year;
    if (month - doc_->month > 6) return doc_->year - 1;
    if (doc_->month - month > 6) return doc_->year + 1;
    return doc_->year;
  }

  std::optional<Value> Date(size_t i) const {
    Value v;
    v.kind = ValueKind::kDate;
    v.first_token = i;
    int month = MonthOf(W(i)), day = 0, year = 0;
    // "Feb 26, 1987", "February 26", "April 2004", "September, 1984"; "May" alone is not a date.
    if (month != 0) {
      size_t j = i + 1;
      if (IsDay(W(j), &day)) {
        ++j;
        size_t k = W(j) == "," ? j + 1 : j;
        if (IsYear(W(k), &year)) j = k + 1;
      } else if (IsYear(W(j), &year)) {
        ++j;
      } else if (W(j) == "," && IsYear(W(j + 1), &year)) {
        j += 2;  // "September, 1984"
      } else if (i > 0 && IsTimePreposition(L(i - 1)) && W(i).size() > 3) {
        // "in January", "until March": the month of the document's year when it has one.
      } else {
        return std::nullopt;
      }
      v.date = {year, month, day};
      if (year == 0 && doc_) v.date.year = NearestYear(month);
      v.end_token = j;
      return Valid(v);
    }
    // "31 December", "26 February 1987".
    if (IsDay(W(i), &day) && (month = MonthOf(W(i + 1))) != 0) {
      size_t j = i + 2;
      if (IsYear(W(j), &year)) ++j;
      v.date = {year, month, day};
      if (year == 0 && doc_) v.date.year = NearestYear(month);
      v.end_token = j;
      return Valid(v);
    }
    // "1996-08-22".
    if (W(i).size() == 10 && W(i)[4] == '-' && W(i)[7] == '-') {
      std::string s(W(i));
      if (std::all_of(s.begin(), s.begin() + 4, IsDigit)) {
        v.date = {std::atoi(s.substr(0, 4).c_str()), std::atoi(s.substr(5, 2).c_str()),
                  std::atoi(s.substr(8, 2).c_str())};
        v.end_token = i + 1;
        return Valid(v);
      }
    }
    // A year after a preposition: "in 1987", "until 2027".
    if (IsYear(W(i), &year) && i > 0 && IsTimePreposition(L(i - 1))) {
      v.date = {year, 0, 0};
      v.end_token = i + 1;
      return v;
    }
    if (!doc_) return std::nullopt;
    // Relative to the document's date.
    std::string w = L(i);
    if (int wd = WeekdayOf(W(i)); wd >= 0 && doc_->day != 0) {
      int back = (WeekdayOfDate(*doc_) - wd + 7) % 7;
      v.date = AddDays(*doc_, -back);
      v.end_token = i + 1;
      return v;
    }
    if ((w == "today" || w == "yesterday" || w == "tomorrow") && doc_->day != 0) {
      v.date = AddDays(*doc_, w == "today" ? 0 : w == "yesterday" ? -1 : 1);
      v.end_token = i + 1;
      return v;
    }
    if ((w == "last" || w == "this" || w == "next") &&
        (L(i + 1) == "year" || L(i + 1) == "month")) {
      int delta = w == "last" ? -1 : w == "next" ? 1 : 0;
      if (L(i + 1) == "year") {
        v.date = {doc_->year + delta, 0, 0};
      } else {
        if (doc_->month == 0) return std::nullopt;
        int m = doc_->month + delta, y = doc_->year;
        if (m == 0) m = 12, --y;
        if (m == 13) m = 1, ++y;
        v.date = {y, m, 0};
      }
      v.end_token = i + 2;
      return v;
    }
    return std::nullopt;
  }

  static std::optional<Value> Valid(const Value& v) {
    const CalendarDate& d = v.date;
    if (d.month < 1 || d.month > 12) return std::nullopt;
    if (d.day != 0 && d.day > (d.year ? DaysInMonth(d.year, d.month) : 31)) return std::nullopt;
    return v;
  }

  // Money, percentages and quantities: [currency] number [scale] [currency | % | unit].
  std::optional<Value> Number(size_t i) const {
    Value v;
    v.first_token = i;
    size_t j = i;
    size_t prefix = 0;
    std::string currency = CurrencyPrefix(W(j), &prefix);
    std::string_view number = W(j).substr(prefix);
    if (!currency.empty() && number.empty()) {
      // "$" "1.04bn": the sign is a token of its own.
      ++j;
      number = W(j);
    }
    // The number and an attached scale: "1.04bn", "546m", "20-25".
    double amount = 0, high = 0, scale = 1;
    bool read = false, words = false;
    if (!number.empty() && IsDigit(number[0])) {
      size_t k = 0;
      while (k < number.size() && (IsDigit(number[k]) || number[k] == ',' || number[k] == '.')) ++k;
      std::string_view digits = number.substr(0, k), rest = number.substr(k);
      if (!digits.empty() && digits.back() == '.') {
        digits.remove_suffix(1);
        rest = number.substr(k - 1);
      }
      auto a = PlainNumber(digits);
      if (!a) return std::nullopt;
      amount = high = *a;
      // Fractions as markets write them: "1-1/4 pct", "7/8 pct", "100-1/4": whole and eighths,
      // a percentage only (a bare "3/4" may be a date).
      if (auto f = Fraction(number);
          f && (L(j + 1) == "pct" || L(j + 1) == "percent" || L(j + 1) == "%")) {
        amount = high = *f;
        rest = "";
      } else if (rest.starts_with("-") && rest.size() > 1 && IsDigit(rest[1])) {
        auto h = PlainNumber(rest.substr(1));
        if (!h) return std::nullopt;
        high = *h;
        rest = "";
      }
      if (!rest.empty()) {
        double s = ScaleOf(rest);
        if (s == 0) return std::nullopt;  // "3D", "G7", "10-year"
        scale = s;
      }
      read = true;
    } else if (auto w = WordNumber(number); w && currency.empty()) {
      amount = high = *w;
      read = words = true;
    }
    if (!read) return std::nullopt;
    ++j;
    // A separate scale word: "1.2 billion", "15 mln".
    if (scale == 1) {
      if (double s = ScaleOf(W(j)); s != 0 && !(W(j) == "m" || W(j) == "b" || W(j) == "k")) {
        scale = s;
        ++j;
      }
    }
    amount *= scale;
    high *= scale;
    v.amount = amount;
    v.high = high;
    // Percent.
    std::string next = L(j);
    if (currency.empty() && (next == "%" || next == "pct" || next == "percent")) {
      v.kind = ValueKind::kPercent;
      v.end_token = j + 1;
      return v;
    }
    if (currency.empty() && next == "per" && L(j + 1) == "cent") {
      v.kind = ValueKind::kPercent;
      v.end_token = j + 2;
      return v;
    }
    // Money named after the amount: "253m euros", "15 mln dlrs", "1.2 billion U.S. dollars".
    size_t c = j;
    if (L(c) == "u.s." || L(c) == "us") ++c;
    std::string after = CurrencyWord(W(c), W(c > 0 ? c - 1 : 0));
    if (after.empty()) {
      // "Swiss francs", "Canadian dollars".
      std::string two = CurrencyWord(W(c + 1), W(c));
      if (!two.empty() && !W(c).empty() && W(c)[0] >= 'A' && W(c)[0] <= 'Z') {
        after = two;
        ++c;
      }
    }
    if (!after.empty()) {
      v.kind = ValueKind::kMoney;
      v.unit = currency.empty() ? after : currency;
      v.end_token = c + 1;
      return v;
    }
    if (!currency.empty()) {
      v.kind = ValueKind::kMoney;
      v.unit = currency;
      v.end_token = j;
      return v;
    }
    // A count: the noun after the number ("200 engineers", "155,221 bags").
    v.kind = ValueKind::kQuantity;
    size_t u = j;
    if (IsCountable(W(u)) && W(u).size() > 1) {
      v.unit = L(u);
      v.end_token = u + 1;
      return v;
    }
    // A number with nothing counted: a value only with a scale, decimals or a thousands comma
    // ("5.93 mln"), not a bare "3" or a year.
    if (words) return std::nullopt;
    int year = 0;
    if (IsYear(W(i), &year)) return std::nullopt;
    if (scale == 1 && W(i).find_first_of(".,") == std::string_view::npos) return std::nullopt;
    v.end_token = j;
    return v;
  }

  const std::vector<Token>& t_;
  std::string_view text_;
  std::optional<CalendarDate> doc_;
};

}  // namespace

std::string_view ValueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kMoney:
      return "money";
    case ValueKind::kPercent:
      return "percent";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kQuantity:
      return "quantity";
  }
  return "quantity";
}

std::string IsoDate(const CalendarDate& d) {
  if (d.year == 0) {
    return d.day ? fmt::format("--{:02d}-{:02d}", d.month, d.day)
                 : fmt::format("--{:02d}", d.month);
  }
  if (d.month == 0) return fmt::format("{:04d}", d.year);
  if (d.day == 0) return fmt::format("{:04d}-{:02d}", d.year, d.month);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::optional<CalendarDate> ParseDocumentDate(std::string_view text) {
  text = TrimView(text);
  // ISO: 1987-02-26[T...]
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
      std::all_of(text.begin(), text.begin() + 4, IsDigit)) {
    CalendarDate d{std::atoi(std::string(text.substr(0, 4)).c_str()),
                   std::atoi(std::string(text.substr(5, 2)).c_str()),
                   std::atoi(std::string(text.substr(8, 2)).c_str())};
    if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DaysInMonth(d.year, d.month))
      return d;
    return std::nullopt;
  }
  // Reuters: 26-FEB-1987 15:01:01.79, and with one digit, 2-MAR-1987 08:29:05.15.
  if (const size_t dash = text.size() >= 10 && IsDigit(text[0]) ? text.find('-') : 0;
      (dash == 1 || dash == 2) && text.size() >= dash + 9 && text[dash + 4] == '-') {
    int month = MonthOf(std::string(1, text[dash + 1]) + AsciiLower(text.substr(dash + 2, 2)));
    int day = std::atoi(std::string(text.substr(0, dash)).c_str());
    int year = 0;
    if (month != 0 && IsYear(text.substr(dash + 5, 4), &year) && day >= 1 &&
        day <= DaysInMonth(year, month)) {
      return CalendarDate{year, month, day};
    }
    return std::nullopt;
  }
  // "Feb 26, 1987" and other written forms.
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Value> values = FindValues(tokens, text);
  if (values.size() == 1 && values[0].kind == ValueKind::kDate && values[0].date.year != 0 &&
      values[0].date.day != 0) {
    return values[0].date;
  }
  return std::nullopt;
}

std::vector<Value> FindValues(const std::vector<Token>& tokens, std::string_view text,
                              std::optional<CalendarDate> document_date) {
  return Finder(tokens, text, document_date).Run();
}

}  // namespace weft::entities
