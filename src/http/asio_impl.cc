// The compiled parts of Asio and Beast, built once (BOOST_*_SEPARATE_COMPILATION is defined
// for the whole project), instead of in every translation unit that uses them.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
