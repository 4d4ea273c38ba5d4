// Writing CSV (RFC 4180) that is safe to open in a spreadsheet: the one CSV writer of the
// exports (calls list, leaderboard).
//   * A field holding a comma, a double quote, CR or LF is quoted, with quotes doubled; rows end
//     in CRLF.
//   * Formula injection: a text cell starting with =, +, -, @, tab or CR would be run as a
//     formula by Excel, LibreOffice or Google Sheets (a customer's name or a call summary is
//     outside our control), so it gets a leading apostrophe, which spreadsheets show as text.
//     A plain number such as -0.5 is left as it is: it is no formula, and stays a number.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace converza {

// Appends one field (without separator); nullopt is an empty field.
void AppendCsvField(std::string& out, std::optional<std::string_view> value);

// Appends a row: the fields separated by commas, then CRLF.
void AppendCsvRow(std::string& out, const std::vector<std::optional<std::string>>& fields);

}  // namespace converza
