// The one syntax check of an e-mail address (sign-up, recovery, invitations): deliberately
// modest, as GoTrue's is — one '@', a dotted domain, no spaces, control characters or angle
// brackets, at most 255 bytes (the column's size). Whether it exists is for the mail to find out.
#pragma once

#include <string_view>

namespace converza {

bool PlausibleEmail(std::string_view e);

}  // namespace converza
