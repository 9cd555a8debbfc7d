// Boost.JSON's sources in this build (see CMakeLists.txt): instrumented for
// coverage like the parsers that call it.
#include <boost/json/src.hpp>
