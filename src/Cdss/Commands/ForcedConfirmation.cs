using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>ShouldProcess with a -Force switch that skips the prompt but never -WhatIf or an explicit -Confirm.</summary>
    internal static class ForcedConfirmation
    {
        public static bool ShouldProcess(PSCmdlet cmdlet, bool force, string target, string action)
        {
            if (force && !IsRequested(cmdlet, "WhatIf", "WhatIfPreference") && !IsExplicitlyTrue(cmdlet, "Confirm")) return true;
            return cmdlet.ShouldProcess(target, action);
        }

        private static bool IsRequested(PSCmdlet cmdlet, string parameter, string preference) =>
            IsExplicitlyTrue(cmdlet, parameter) ||
            (!cmdlet.MyInvocation.BoundParameters.ContainsKey(parameter) && LanguagePrimitives.IsTrue(cmdlet.GetVariableValue(preference)));

        private static bool IsExplicitlyTrue(PSCmdlet cmdlet, string parameter) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var value) &&
            (value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value));
    }
}
