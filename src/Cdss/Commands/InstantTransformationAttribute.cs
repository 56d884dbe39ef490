using System;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>
    /// Lets a DateTime parameter take a DateTimeOffset (such as a Cdss.MetricPoint's Timestamp), which PowerShell
    /// cannot convert by itself: it becomes the same instant as a DateTime of kind Utc. Anything else is left to
    /// ordinary binding.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class InstantTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is DateTimeOffset instant ? instant.UtcDateTime : inputData;
        }
    }
}
