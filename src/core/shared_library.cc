#include "core/shared_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <system_error>
#include <vector>

namespace storepulse {

Result<SharedLibrary> SharedLibrary::Open(const std::string& file) {
  // RTLD_LOCAL: the library's symbols serve only lookups made through this handle.
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    return Status::NotFound(
        fmt::format("cannot load {}: {}", file, error != nullptr ? error : "unknown"));
  }
  return SharedLibrary(handle, file);
}

Result<void*> SharedLibrary::Symbol(const char* name) const {
  ::dlerror();
  void* address = ::dlsym(handle_, name);
  if (address == nullptr) {
    const char* error = ::dlerror();
    return Status::NotFound(fmt::format("{} has no symbol {}: {}", file_, name,
                                        error != nullptr ? error : "null"));
  }
  return address;
}

Result<SharedLibrary> OpenModule(const std::string& name) {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const std::filesystem::path executable =
      std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(executable.parent_path() / name);
#ifdef STOREPULSE_MODULE_DIR
  candidates.push_back(std::filesystem::path(STOREPULSE_MODULE_DIR) / name);
#endif
  std::string tried;
  for (const std::filesystem::path& candidate : candidates) {
    if (std::filesystem::exists(candidate, error)) return SharedLibrary::Open(candidate);
    tried = tried.empty() ? candidate.string()
                          : fmt::format("{}, {}", tried, candidate.string());
  }
  return Status::NotFound(
      fmt::format("the module {} is not installed (looked for {})", name, tried));
}

}  // namespace storepulse
