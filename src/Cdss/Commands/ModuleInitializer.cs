using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Cdss.Commands
{
    /// <summary>
    /// Runs when Import-Module loads Cdss.dll. On Windows PowerShell 5.1 (.NET Framework) the module's
    /// private dependencies (System.Text.Json and its closure) live in a 'dependencies' subfolder so that
    /// they are never picked up by accident; this resolver hands them out, but only to the module's own
    /// assemblies, so Az, AWS.Tools or Graph in the same process keep whatever versions they brought.
    /// On PowerShell 7 the runtime already carries newer copies and resolution never reaches this handler.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            if (IsNetFramework) EnableTls12();
        }

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Adds TLS 1.2 when the process pins an explicit protocol list without it. SystemDefault (the 4.7+
        /// default) already lets the OS choose, and nothing the OS allows is ever removed.
        /// </summary>
        private static void EnableTls12()
        {
            // netstandard2.0 lacks the SystemDefault member; its value is 0.
            var current = ServicePointManager.SecurityProtocol;
            if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
            {
                ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
            }
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            if (!IsOurs(args.RequestingAssembly)) return null;
            var requested = new AssemblyName(args.Name);
            var candidate = Path.Combine(DependencyDirectory, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            var shipped = AssemblyName.GetAssemblyName(candidate);
            // Never hand out an older version than was asked for; let the load fail loudly instead.
            if (requested.Version != null && shipped.Version != null && shipped.Version < requested.Version) return null;
            return Assembly.LoadFrom(candidate);
        }

        private static bool IsOurs(Assembly? requesting)
        {
            if (requesting == null) return false;
            if (requesting == typeof(ModuleInitializer).Assembly) return true;
            var location = requesting.IsDynamic ? "" : requesting.Location;
            return !string.IsNullOrEmpty(location) &&
                   string.Equals(Path.GetDirectoryName(location), DependencyDirectory, StringComparison.OrdinalIgnoreCase);
        }
    }
}
