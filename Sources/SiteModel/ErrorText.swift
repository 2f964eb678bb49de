import Foundation

extension Error {
    /// What went wrong, in words an editor can act on: Foundation's own text
    /// for file errors on Linux reads "(NSCocoaErrorDomain error 260.)".
    public var plainDescription: String {
        if let error = self as? CocoaError {
            let path = (error.userInfo[NSFilePathErrorKey] as? String).map { " (\($0))" } ?? ""
            switch error.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder" + path
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied" + path
            case .fileWriteOutOfSpace: return "the disk is full" + path
            case .fileWriteFileExists: return "a file of that name exists already" + path
            case .fileReadCorruptFile, .fileReadInapplicableStringEncoding: return "the file cannot be read as text" + path
            default: return "cannot read or write the file" + path
            }
        }
        if let error = self as? POSIXError { return String(cString: strerror(error.code.rawValue)) }
        if let error = self as? LocalizedError, let text = error.errorDescription { return text }
        return String(describing: self)
    }
}
