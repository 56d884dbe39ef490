# The examples of docs/help, run as written against the emulator, each showing the output its help shows.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A broker takes 1 s to restart, long enough for a rollout's first poll to see it in the child pwsh below; the
    # clock driver finishes each restart once a poll has seen it, so a -Wait example costs one poll per cluster.
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '1000'
    $null = Start-ClockDriver $emu
    # The host these tests run in: pwsh, or powershell.exe when the suite runs under Windows PowerShell 5.1.
    $script:pwsh = if ($PSVersionTable.PSEdition -eq 'Desktop') { Join-Path $PSHOME 'powershell.exe' } else { Join-Path $PSHOME 'pwsh' }
}

AfterAll {
    Stop-TestEnvironment
}

BeforeDiscovery {
    $script:helpCommands = @(
        'Get-CdssKafkaVersion', 'Test-CdssRollingUpgrade', 'Start-CdssRollingUpgrade', 'Get-CdssConfigGroup', 'Get-CdssConfigGroupSetting',
        'Set-CdssConfigGroupSetting', 'Set-CdssClusterConfigGroup', 'Get-CdssClusterNode', 'Restart-CdssKafkaNode', 'Get-CdssMetric')
}

Describe 'The help examples of <Name>' -ForEach @($helpCommands | ForEach-Object { @{ Name = $_; All = $helpCommands } }) {
    BeforeAll {
        # Each example's first powershell block, and the output block after it when there is one.
        function Get-HelpExample([string] $Command) {
            $text = Get-Content (Join-Path $PSScriptRoot "../docs/help/$Command.md") -Raw
            $section = [regex]::Match($text, '(?ms)^## EXAMPLES\s*$(?<body>.*?)^## ').Groups['body'].Value
            @([regex]::Split($section, '(?m)^### ') | Where-Object { $_ -match '^Example' } | ForEach-Object {
                    [pscustomobject]@{
                        Title  = ($_ -split "`n")[0].Trim()
                        Code   = [regex]::Match($_, '(?s)```powershell\r?\n(?<c>.*?)\r?\n```').Groups['c'].Value
                        Output = [regex]::Match($_, '(?s)```output\r?\n(?<o>.*?)\r?\n```').Groups['o'].Value
                    }
                })
        }

        # The examples of every help file run in one fresh pwsh (so that host output such as "What if:" is captured
        # too), each against a freshly reset emulator, with a default session as a user would have after Connect-Cdss.
        # The first help file to run starts it; the others read its output.
        if (-not (Get-Variable -Scope Script -Name helpRuns -ErrorAction SilentlyContinue)) {
            $runner = Join-Path $TestDrive 'run-examples.ps1'
            $data = Join-Path $TestDrive 'examples.json'
            $files = @($All | ForEach-Object { @{ Name = $_; Examples = @((Get-HelpExample $_).Code) } })
            @{ Module = $ModulePath; Endpoint = $emu.Endpoint; ControlUri = $emu.ControlUri; AccessKey = $emu.AccessKey; Files = $files } |
                ConvertTo-Json -Depth 5 | Set-Content $data
            Set-Content $runner @'
param([string] $DataPath)
$data = Get-Content $DataPath -Raw | ConvertFrom-Json
$PSStyle.OutputRendering = 'PlainText'
Import-Module $data.Module
# Every -Wait gives up after a minute (unless the example says otherwise): a rollout that cannot see its restart
# fails fast. A default applied without -Wait would select the rollout parameter set, so it is given only with -Wait.
$PSDefaultParameterValues['*-Cdss*:TimeoutMinutes'] = { if ($args[0].BoundParameters -contains 'Wait') { 1 } }
$secret = ConvertTo-SecureString 'emulator-secret-key' -AsPlainText -Force
foreach ($file in $data.Files) {
    Write-Host "### FILE $($file.Name)"
    # A new default session per help file, as a user reading that page would have: it knows no cluster names yet.
    $null = Connect-Cdss -Endpoint $data.Endpoint -AccessKey $data.AccessKey -SecretKey $secret
    for ($i = 0; $i -lt @($file.Examples).Count; $i++) {
        $null = Invoke-RestMethod -Method Post "$($data.ControlUri)/reset"
        Write-Host "### EXAMPLE $i"
        try {
            $out = & ([scriptblock]::Create(@($file.Examples)[$i])) *>&1
            $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | Out-String -Width 80 | Write-Host
            foreach ($e in $errors) { Write-Host "### ERROR $($e.FullyQualifiedErrorId): $e" }
        }
        catch { Write-Host "### ERROR uncaught: $_" }
    }
    Write-Host '### END'
}
'@
            $output = & $pwsh -NoProfile -NonInteractive -File $runner -DataPath $data 2>&1 | Out-String
            $script:helpRuns = @{}
            foreach ($part in [regex]::Split($output, '(?m)^### FILE ') | Select-Object -Skip 1) {
                $name, $text = $part -split '\r?\n', 2
                $helpRuns[$name.Trim()] = $text
            }
            $script:helpRunsRaw = $output
        }

        $script:examples = Get-HelpExample $Name
        $script:raw = if ($helpRuns.ContainsKey($Name)) { $helpRuns[$Name] } else { $helpRunsRaw }
        $script:runs = @([regex]::Split($raw, '(?m)^### EXAMPLE \d+\r?\n') | Select-Object -Skip 1)

        # Request ids differ per run; blank-line runs and trailing spaces do not matter.
        function Format-Comparable([string] $Text) {
            $t = $Text -replace '(?m)^### END\s*$', '' -replace '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<requestId>'
            $lines = @($t -split '\r?\n' | ForEach-Object { $_.TrimEnd() })
            (($lines -join "`n") -replace "\n{3,}", "`n`n").Trim("`n")
        }
    }

    It 'has runnable examples' {
        $examples.Count | Should -BeGreaterOrEqual 2
        $runs.Count | Should -Be $examples.Count -Because $raw
        $raw | Should -Match '### END'
    }

    It 'runs every example without an error, showing the output the help shows' {
        for ($i = 0; $i -lt $examples.Count; $i++) {
            $run = $runs[$i]
            $run | Should -Not -Match '### ERROR' -Because "$($examples[$i].Title) must run as written"
            if ($examples[$i].Output) {
                Format-Comparable $run | Should -BeExactly (Format-Comparable $examples[$i].Output) -Because "$($examples[$i].Title) must show what its help shows"
            }
        }
    }
}
