// Shared libraries opened when first needed (dlopen), for dependencies that only some
// commands use. Linking libpqxx, XGBoost and cpp-httplib into the binary made every run
// load them and ~30 libraries they pull in (TLS, Kerberos, LDAP, OpenMP): 8 ms of
// dynamic linking before main, a twelfth of a whole batch run. Opened libraries stay
// loaded until the process exits (unloading C++ libraries is not safe in general).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse {

class SharedLibrary {
 public:
  // Opens `file`: a bare soname ("libxgboost.so.0") is searched as the dynamic linker
  // does; a path is taken as it is. NotFound with the loader's message when it cannot.
  static Result<SharedLibrary> Open(const std::string& file);

  // The address of `name`; NotFound when the library has no such symbol.
  Result<void*> Symbol(const char* name) const;
  // The function `name`, typed: Function<decltype(XGBoosterCreate)>("XGBoosterCreate").
  template <typename Fn>
  Result<Fn*> Function(const char* name) const {
    SP_ASSIGN_OR_RETURN(void* address, Symbol(name));
    return reinterpret_cast<Fn*>(address);
  }

  const std::string& file() const { return file_; }

 private:
  SharedLibrary(void* handle, std::string file)
      : handle_(handle), file_(std::move(file)) {}
  void* handle_ = nullptr;
  std::string file_;
};

// A storepulse module: the shared library `name` (e.g. "storepulse-postgres.so") built
// beside the running executable, or else in the build directory it was built in.
Result<SharedLibrary> OpenModule(const std::string& name);

// The entry point `symbol` of the module `name`, typed. Internal, prefixed with `what`
// ("PostgreSQL support: ..."), when the module or the symbol is missing.
template <typename Fn>
Result<Fn*> ModuleFunction(const std::string& name, const char* symbol,
                           std::string_view what) {
  auto function = [&]() -> Result<Fn*> {
    SP_ASSIGN_OR_RETURN(const SharedLibrary module, OpenModule(name));
    return module.Function<Fn>(symbol);
  }();
  if (!function.ok()) {
    return Status::Internal(std::string(what) + ": " + function.status().message());
  }
  return function;
}

}  // namespace storepulse
